/**
 * Parser for what `codesign -dv --verbose=2 <bundle>` prints on stderr: `Key=value` lines, one
 * `Authority=` line per certificate from the leaf to the root. Pure: never runs codesign.
 */

export type CodeSignature = {
  /** False for "code object is not signed at all". */
  readonly signed: boolean;
  readonly identifier: string | undefined;
  /** The Apple Team ID; `TeamIdentifier=not set` (Apple's own, ad-hoc and unsigned code) is unknown. */
  readonly teamId: string | undefined;
  /** Certificate common names, leaf first ("Developer ID Application: Name (TEAMID)"). */
  readonly authorities: readonly string[];
  readonly adhoc: boolean;
};

export function parseCodesign(stderr: string): CodeSignature {
  let identifier: string | undefined;
  let teamId: string | undefined;
  let adhoc = false;
  const authorities: string[] = [];
  for (const raw of stderr.split('\n')) {
    const line = raw.trimEnd();
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).trim();
    if (key === 'Identifier') identifier = value || undefined;
    else if (key === 'TeamIdentifier') teamId = /^[A-Z0-9]{10}$/.test(value) ? value : undefined;
    else if (key === 'Authority' && value) authorities.push(value);
    else if (key === 'Signature' && value === 'adhoc') adhoc = true;
  }
  const signed = !/code object is not signed at all/.test(stderr) && (identifier !== undefined || adhoc);
  return { signed, identifier, teamId, authorities, adhoc };
}

/**
 * The signer to report: the leaf authority when it is a developer certificate naming the Team ID
 * ("Developer ID Application: Slack Technologies, Inc. (BQR82RBBHL)"), since it carries both the
 * vendor name and the Team ID; otherwise the bare Team ID (Mac App Store apps are signed by
 * Apple's store certificate, which names no vendor); undefined when there is no Team ID.
 */
export function codesignSigner(signature: CodeSignature): string | undefined {
  const { teamId } = signature;
  if (!signature.signed || !teamId) return undefined;
  const leaf = signature.authorities[0];
  if (
    leaf &&
    /^(?:Developer ID Application|Apple Development|Apple Distribution):/.test(leaf) &&
    leaf.endsWith(`(${teamId})`)
  ) {
    return leaf;
  }
  return teamId;
}
