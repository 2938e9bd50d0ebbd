/**
 * Where macOS `.app` bundles sit in a path. Pure string work on POSIX paths.
 */

/**
 * The innermost `.app` bundle enclosing an executable: for
 * `/Applications/Slack.app/Contents/Frameworks/Slack Helper (GPU).app/Contents/MacOS/Slack Helper (GPU)`
 * that is the helper's bundle, whose Info.plist names the helper. Undefined outside any bundle.
 */
export function enclosingAppBundle(executablePath: string): string | undefined {
  const parts = executablePath.split('/');
  for (let i = parts.length - 2; i > 0; i--) {
    if ((parts[i] as string).endsWith('.app') && (parts[i] as string).length > 4)
      return parts.slice(0, i + 1).join('/');
  }
  return undefined;
}

/** The bundle's folder name without `.app`: what Finder shows when Info.plist names nothing. */
export function bundleFolderName(bundlePath: string): string {
  const folder = bundlePath.replace(/\/+$/, '');
  return folder.slice(folder.lastIndexOf('/') + 1).replace(/\.app$/, '');
}
