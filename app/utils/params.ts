/** A positive integer id from a URL segment, or a 404. */
export function idParam(value: string | undefined) {
  const id = Number(value);
  if (!/^\d+$/.test(value ?? "") || !Number.isSafeInteger(id) || id <= 0) throw new Response("Not Found", { status: 404 });
  return id;
}
