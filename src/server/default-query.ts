/** What GraphiQL shows on first open: a query that exercises the nested, batched loading. */
export const DEFAULT_QUERY = `# NeuroMorpho.Org through one GraphQL request.
# This page of neurons, with measurements, URLs and cache status, costs NeuroMorpho two requests.
query FirstNeurons {
  search(filter: { species: ["rat"] }, size: 5) {
    totalElements
    items {
      neuronId
      name
      archive
      brainRegion
      cellType
      measurement { length nBifs somaSurface }
      urls { standardSwc thumbnail }
      cacheStatus { exists }
    }
  }
}
`;
