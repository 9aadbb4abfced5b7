/**
 * The first arguments that make `neuromorpho-gateway` a command line instead of a server. Kept apart
 * from the command line itself so the server does not load it.
 */
export const CLI_COMMANDS: ReadonlySet<string> = new Set([
  'dataset',
  'neuron',
  'cache',
  'help',
  '--help',
  '-h',
]);
