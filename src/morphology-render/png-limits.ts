// Apart from png.ts so that the schema can know the cap without loading resvg's native binding at start.
/** Neither side of the image may exceed this, whatever the SVG or the caller asks for. */
export const MAX_PNG_SIDE_PX = 4096;
