// A route's 200 answer written by fast-json-stringify from its zod schema (decision 044), instead of
// checking the answer with zod and then JSON.stringify (fastify-type-provider-zod's serializer). For
// the busiest lists: under issue 7's load the zod pass and the objects it copies were ~10 % of the
// server's thread on the plan list. The other statuses (errors) keep the zod serializer.
//
// The bytes are the same as the zod serializer's for an answer that matches the schema: the same
// properties in the schema's order, none that the schema lacks. What is lost is the check itself
// (a value of the wrong type would be written as the schema's type rather than refused with a 500),
// so under vitest each answer is also passed through the zod serializer and the two must agree.
import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/**
 * zod's JSON Schema for fast-json-stringify: `anyOf: [X, null]` (zod's nullable number or
 * referenced string) as `type: [X, "null"]`, which fast-json-stringify writes directly (for anyOf it
 * tries each branch with a validator, per value).
 */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (!node || typeof node !== 'object') return node;
  const o = node as JsonSchema;
  const any = o.anyOf as JsonSchema[] | undefined;
  if (any && any.length === 2) {
    const nul = any.findIndex((b) => b.type === 'null' && Object.keys(b).length === 1);
    const other = any[1 - nul];
    if (nul >= 0 && typeof other?.type === 'string' && other.type !== 'object' && other.type !== 'array' && !other.$ref) {
      const { anyOf: _drop, ...rest } = o;
      return simplify({ ...rest, ...other, type: [other.type, 'null'] });
    }
  }
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(o)) {
    // bounds and patterns are checks, not shape: fast-json-stringify does not use them
    if (k === 'minimum' || k === 'maximum' || k === 'pattern' || k === '$schema') continue;
    out[k] = simplify(v);
  }
  return out;
}

/** The fast writer of this zod schema's output. */
export function fastStringify(schema: z.ZodType): (data: unknown) => string {
  const json = simplify(z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' })) as JsonSchema;
  return fastJson(json as unknown as Parameters<typeof fastJson>[0]) as (data: unknown) => string;
}

const underTest = Boolean(process.env.VITEST);

/** Route option `serializerCompiler`: the 200 answer by fast-json-stringify, the others as everywhere. */
export const fastSerializerCompiler = (route: { schema: unknown; method: string; url: string; httpStatus?: string }): ((data: unknown) => string) => {
  const zodWrite = zodSerializerCompiler(route as never) as (data: unknown) => string;
  if (String(route.httpStatus) !== '200') return zodWrite;
  const write = fastStringify(route.schema as z.ZodType);
  if (!underTest) return write;
  return (data: unknown) => {
    const fast = write(data);
    const checked = zodWrite(data);
    if (fast !== checked) throw new Error(`fast serializer of ${route.method} ${route.url} differs from zod's:\n${fast}\n${checked}`);
    return fast;
  };
};
