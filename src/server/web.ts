// The built web app (dist/web, from `npm run build:web`) served at `/`, with the SPA fallback:
// a GET for a non-API path that is not a file answers index.html so the client router takes over.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export const MISSING_WEB_PAGE = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>质量提升行动计划管理平台</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222;line-height:1.7}code{background:#f3f3f3;padding:.1rem .35rem;border-radius:3px}</style>
</head>
<body>
<h1>质量提升行动计划管理平台</h1>
<p>服务已启动，但网页界面尚未构建。</p>
<p>请在项目目录运行 <code>npm run build:web</code>，然后刷新本页。</p>
<p>接口文档：<a href="/api/docs">/api/docs</a>；健康检查：<a href="/api/health">/api/health</a></p>
</body>
</html>
`;

export function webIsBuilt(webDir: string): boolean {
  return fs.existsSync(path.join(webDir, 'index.html'));
}

/**
 * Registers static serving when the web app is built. Returns a function the not-found handler
 * calls for non-API GET requests: it answers index.html, or the "please build" page.
 */
export async function registerWeb(
  app: FastifyInstance,
  webDir: string,
): Promise<(request: FastifyRequest, reply: FastifyReply) => FastifyReply> {
  const built = webIsBuilt(webDir);
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      index: ['index.html'],
      setHeaders(res, filePath) {
        // Vite names assets by content hash: cache them for good; index.html always revalidates.
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.header('cache-control', 'public, max-age=31536000, immutable');
        } else {
          res.header('cache-control', 'no-cache');
        }
      },
    });
  } else {
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(MISSING_WEB_PAGE),
    );
  }
  return (_request, reply) => {
    if (built && webIsBuilt(webDir)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(MISSING_WEB_PAGE);
  };
}
