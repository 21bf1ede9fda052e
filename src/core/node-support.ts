/**
 * The Node.js lines this project supports: the active and the maintenance LTS (package.json
 * `engines`). Older lines are past end of life; the service still starts on them, with a warning,
 * because a machine's own Node may be one (CI runs the tests on it too), but nothing is fixed for
 * them alone.
 */
export const SUPPORTED_NODE = '22.15 or later on 22, or 24 and later';

export interface NodeSupport {
  supported: boolean;
  /** What to tell an operator when the running Node is not supported. */
  warning: string | null;
}

export function nodeSupport(version: string = process.versions.node): NodeSupport {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const supported = major >= 24 || (major === 22 && minor >= 15);
  return {
    supported,
    warning: supported
      ? null
      : `Node ${version} is not supported (supported: ${SUPPORTED_NODE}); the service runs, but nothing is fixed for this version alone: install Node 24.`,
  };
}
