/** How the schema describes a path field hidden from a caller (see EXPOSE_PATHS in README). */
export const HIDDEN_PATH_NOTE =
  'when paths are hidden from this caller (EXPOSE_PATHS: by default only callers that may write see them)';
