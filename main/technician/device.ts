/**
 * kiosk-config device revoke ID --hall URL: ends an enrolled kiosk's or display's token on the
 * hall node (queue.revokeDevice), through its HTTP API, as a signed-in technician. The
 * technician's session token comes from KIOSK_TECH_TOKEN, never the command line, so it stays
 * out of the shell's history and the process list. The hall node logs the revocation.
 */
export const deviceUsage = 'usage: kiosk-config device revoke ID --hall URL (KIOSK_TECH_TOKEN set)';

export async function runDevice(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  env: Record<string, string | undefined>,
): Promise<number> {
  const [action, id, flag, url, ...rest] = argv;
  if (action !== 'revoke' || !id || flag !== '--hall' || !url || rest.length) {
    err(deviceUsage);
    return 64;
  }
  const token = env.KIOSK_TECH_TOKEN;
  if (!token) {
    err(
      `${deviceUsage}\nKIOSK_TECH_TOKEN is not set: sign in as a technician and export the token`,
    );
    return 64;
  }
  let body: { ok: boolean; result?: { id: string }; error?: { message: { en: string } } };
  try {
    const res = await fetch(`${url.replace(/\/+$/, '')}/api/queue.revokeDevice`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ id }),
      signal: AbortSignal.timeout(10_000),
    });
    body = (await res.json()) as typeof body;
  } catch (error) {
    err(
      `the hall node at ${url} did not answer: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  if (!body.ok) {
    err(`the hall node refused: ${body.error?.message.en ?? 'no reason given'}`);
    return 1;
  }
  out(`${body.result?.id ?? id}: token revoked`);
  return 0;
}
