import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { parseSwc, svg } from '../../../src/morphology/index.js';
import {
  InvalidPngOptionError,
  MAX_PNG_SIDE_PX,
  renderPng,
  SvgRasterError,
} from '../../../src/morphology-render/png.js';

const moto = parseSwc(await readFile(new URL('../../../fixtures/swc/v_e_moto1.CNG.swc', import.meta.url)));
const drawing = svg(moto.tree, { projection: 'XY', width: 800, height: 600 });

const decode = (png: Uint8Array): PNG => PNG.sync.read(Buffer.from(png));

/** Pixels whose RGBA differs from opaque white, the background. */
function drawnPixels(image: PNG): number {
  let drawn = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const { data } = image;
    if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255 || data[i + 3] !== 255) drawn++;
  }
  return drawn;
}

describe('renderPng', () => {
  it("draws v_e_moto1's svg at its own size on an opaque white background", () => {
    const started = performance.now();
    const png = renderPng(drawing, {});
    console.log(`v_e_moto1 800x600: ${(performance.now() - started).toFixed(1)} ms, ${png.length} bytes`);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const image = decode(png);
    expect([image.width, image.height]).toEqual([800, 600]);
    expect(image.data[3]).toBe(255); // the corner is background: opaque
    const drawn = drawnPixels(image);
    expect(drawn).toBeGreaterThan(2000);
    expect(drawn).toBeLessThan(800 * 600 * 0.5);
  });

  it('scales to widthPx, keeping the aspect ratio', () => {
    const image = decode(renderPng(drawing, { widthPx: 400 }));
    expect([image.width, image.height]).toEqual([400, 300]);
    expect(drawnPixels(image)).toBeGreaterThan(500);
  });

  it(`caps both sides at ${MAX_PNG_SIDE_PX} px whatever the SVG's size`, () => {
    const tall =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20000"><rect width="50" height="20000"/></svg>';
    const image = decode(renderPng(tall, {}));
    expect(image.height).toBe(MAX_PNG_SIDE_PX);
    expect(image.width).toBeLessThanOrEqual(21);
    const wide =
      '<svg xmlns="http://www.w3.org/2000/svg" width="9000" height="900"><rect width="10" height="10"/></svg>';
    const wideImage = decode(renderPng(wide, {}));
    expect([wideImage.width, wideImage.height]).toEqual([MAX_PNG_SIDE_PX, 410]);
  });

  it.each([0, -1, 1.5, MAX_PNG_SIDE_PX + 1, Number.NaN])(
    'refuses widthPx %s with BAD_USER_INPUT',
    (widthPx) => {
      expect(() => renderPng(drawing, { widthPx })).toThrow(InvalidPngOptionError);
      expect(() => renderPng(drawing, { widthPx })).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      );
    },
  );

  it('answers SVG_RASTER_FAILED for text that is not SVG', () => {
    expect(() => renderPng('not an svg', {})).toThrow(SvgRasterError);
    expect(() => renderPng('<html></html>', {})).toThrow(
      expect.objectContaining({ code: 'SVG_RASTER_FAILED' }),
    );
  });
});
