// Fastify assembly: plugins, error shape, request logging, sessions, OpenAPI, the API routes and
// the built web app. `buildApp` does not listen; `startServer` (start.ts) does.
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../core/http/actor';
import type { Config } from '../core/config';
import { createClock, testClockEnabled, testClockRoutes } from '../core/clock';
import type { Db } from '../core/db';
import { apiNotFound, clientErrorHandler, ErrorBody, frameworkErrors, loggedError, registerErrorHandling } from '../core/http/errors';
import { registerGuards } from '../core/http/guards';
import fastifyUnderPressure from '@fastify/under-pressure';
import { serverBusy } from '../core/db/pool';
import { registerApiRoutes } from './routes';
import { registerSessions, type SessionResolver } from '../core/http/session';
import { sessionResolver } from './auth-adapter';
import { LoginThrottle } from '../core/login-throttle';
import { zodValidatorCompiler } from '../core/http/validation';
import { DEFAULT_WEB_DIR, registerWeb } from './web';
import { ParseSandbox } from '../ingest/sandbox';
import type { JobQueue } from '../core/jobs';

export interface AppContext {
  /** Read when a request needs it, not while building: may be a getter that becomes ready later. */
  db: Db;
  config: Config;
  /** The time source for sessions and lockouts; tests move it. Default: the system clock. */
  clock?: () => Date;
  /** Where the built web app is; default dist/web of the project. */
  webDir?: string;
  /** pino options, or false for no logging (the default of buildApp; startServer turns it on). */
  logger?: FastifyServerOptions['logger'];
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Overrides how a session token becomes a user (default: the sessions table). */
  resolveSession?: SessionResolver;
  /** The job queue (a getter: it starts after the database is ready); absent: work that would be queued runs at once. */
  jobs?: JobQueue;
  /** Whether the demo authority's content is still loading after the start (decision 045); absent: never. */
  demoLoading?: () => boolean;
  /** The upload parser (default: a ParseSandbox with the limits of `config.parse`, closed with the app). */
  parser?: ParseSandbox;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export const HealthResponse = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
export const DemoStatusResponse = z.object({ loading: z.boolean() }).meta({ id: 'DemoStatus' });
export type DemoStatusOut = z.infer<typeof DemoStatusResponse>;
const HEALTH_BODY = JSON.stringify({ status: 'ok' } satisfies z.infer<typeof HealthResponse>);

/** One JSON line per request when it completes (Fastify's default is two), with the error if there was one. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const failure = error ?? loggedError(request);
    const line = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      userId: request.session?.user.id,
      ...(failure ? { err: failure } : {}),
    };
    if (reply.statusCode >= 500) request.log.error(line, 'request');
    else request.log.info(line, 'request');
  }
}

/** Config.trustProxy as Fastify takes it (a hop count becomes "trust the first n hops"). */
function fastifyTrustProxy(t: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof t === 'number') return (_address, hop) => hop < t;
  return t;
}

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const bodyLimit = ctx.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const serverClock = createClock(ctx.clock); // ZHILIANG_TEST_CLOCK=1: POST /api/test/clock moves it
  const clock = serverClock.now;
  const app = Fastify({
    logger: ctx.logger ?? false,
    logController: new OneLinePerRequest({ requestIdLogLabel: 'reqId' }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit,
    // Behind nginx (ZHILIANG_TRUST_PROXY): request.ip and request.protocol from X-Forwarded-For/-Proto.
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // 400/408/431 from the HTTP parser (e.g. headers too large) in the { code, message } shape too
    clientErrorHandler,
    frameworkErrors,
  });

  // JSON bodies as Fastify parses them (prototype poisoning refused), except that an empty body with a
  // JSON content type (common for a bodiless POST such as logout) is no body rather than bad JSON.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    return defaultJson(request, text, done);
  });
  // No text/plain parser: a body the API did not ask for is 415, not a string a bodiless route
  // ignores (a cross-site form can send text/plain without a CORS preflight).
  app.removeContentTypeParser('text/plain');

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app, bodyLimit);
  registerGuards(app);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Load shedding at the door: while the event loop runs late, answer 503 at once (the database
  // queue sheds its own excess: SERVER_BUSY after ZHILIANG_DB_WAIT_MS, src/core/db/pool.ts).
  const maxEventLoopDelay = ctx.config.maxEventLoopDelayMs ?? 3000;
  if (maxEventLoopDelay > 0) {
    await app.register(fastifyUnderPressure, {
      maxEventLoopDelay,
      retryAfter: 5,
      // a rejection goes to the error handler: 503 { code: 'SERVER_BUSY', message }
      pressureHandler: (_request, reply) => {
        reply.header('retry-after', '5');
        return Promise.reject(serverBusy('event-loop-delay'));
      },
    });
  }

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd (CSS-in-JS) and ECharts write <style> elements and style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    // Served over plain HTTP on a LAN as often as behind TLS: HSTS belongs to the TLS proxy.
    strictTransportSecurity: false,
  });
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '质量提升行动计划管理平台 API',
        description: '所有错误均以 `{ code, message }` 返回，message 为中文；每个响应都带有 x-request-id 头。',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zl_session' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  // Uploads are parsed on a worker thread with time and memory limits, never on this thread.
  const parser = ctx.parser ?? new ParseSandbox(ctx.config.parse ?? {});
  if (!ctx.parser) app.addHook('onClose', async () => parser.close());

  registerSessions(app, { resolve: ctx.resolveSession ?? sessionResolver(() => ctx.db, ctx.config), clock });
  const loginThrottle = new LoginThrottle(ctx.config.loginLimits);

  // The health check is polled by load balancers and monitors: keep per-request work off it (no
  // security headers, no session lookup, no request log line, a constant body instead of the zod
  // serializer). Its answer is the same every time.
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        tags: ['系统'],
        summary: '健康检查',
        response: { 200: HealthResponse },
      },
      helmet: false,
      logLevel: 'silent',
      config: { bare: true },
      serializerCompiler: () => () => HEALTH_BODY,
    },
    async (_request, reply) => {
      reply.header('x-content-type-options', 'nosniff');
      return { status: 'ok' as const };
    },
  );

  await app.register(
    async (api) => {
      if (testClockEnabled()) await testClockRoutes(api, serverClock);
      // `db` is read per request, so a context may hand it over after the app is built (start.ts).
      await registerApiRoutes(
        api,
        {
          get db() {
            return ctx.db;
          },
          get jobs() {
            return ctx.jobs;
          },
          config: ctx.config,
          clock,
          loginThrottle,
        },
        { parsePlan: (bytes, fileName) => parser.parse(bytes, fileName) },
      );
      // the web app shows 示范数据载入中 instead of the 驾驶舱's figures while this says loading
      api.withTypeProvider<ZodTypeProvider>().get(
        '/demo/status',
        {
          schema: {
            tags: ['系统'],
            security: [{ session: [] }],
            summary: '示范数据是否仍在载入（首次启动后数秒内）',
            response: { 200: DemoStatusResponse, 401: ErrorBody },
          },
        },
        async (request) => {
          actorOf(request);
          return { loading: ctx.demoLoading?.() ?? false };
        },
      );
    },
    { prefix: '/api' },
  );

  const webFallback = await registerWeb(app, ctx.webDir ?? DEFAULT_WEB_DIR);

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const isApi = path === '/api' || path.startsWith('/api/');
    if (!isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      // A missing file (/assets/old-hash.js) is a 404, not the page: a browser would run HTML as script.
      const last = path.slice(path.lastIndexOf('/') + 1);
      if (!/\.[A-Za-z0-9]{1,8}$/.test(last) || last.endsWith('.html')) return webFallback(request, reply);
      return reply
        .code(404)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify({ code: 'NOT_FOUND', message: `文件不存在：${path}` } satisfies ErrorBody));
    }
    const body: ErrorBody = apiNotFound(request);
    return reply.code(404).type('application/json; charset=utf-8').send(JSON.stringify(body));
  });

  return app;
}
