import type { Context } from 'hono';

export type FormFields = Record<string, string>;

/** The urlencoded or multipart body as strings (files dropped). The csrf middleware has already parsed and cached it. */
export async function formFields(c: Context): Promise<FormFields> {
  const body = await c.req.parseBody();
  const out: FormFields = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') out[name] = value;
  return out;
}
