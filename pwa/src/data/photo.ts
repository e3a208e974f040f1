/**
 * Photo answers are made smaller before they are hashed and stored, as ODK Collect's
 * max-pixels does: a 3–6 MB camera file is slow to send on 3G, and the server refuses
 * photos over 10 MB, which would leave the response waiting in the outbox for ever.
 */

/** The long side of a stored photo, in pixels. */
export const MAX_PHOTO_PIXELS = 1600;
/** The JPEG quality of a downscaled photo: a few hundred KB, no visible blocks. */
export const PHOTO_JPEG_QUALITY = 0.82;
/** A JPEG that already fits and is smaller than this is kept: recompressing would only lose detail. */
const KEEP_JPEG_BYTES = 1_500_000;

/**
 * The photo to store for `file`, as a fresh Blob (a camera capture's File may not outlive
 * the page on Android). Never throws for a bad file: what the browser cannot decode is
 * kept as it is, and the server, which checks the type from the bytes, says what is wrong.
 */
export async function preparePhoto(file: Blob, maxPixels = MAX_PHOTO_PIXELS): Promise<Blob> {
  const smaller = await downscaled(file, Math.min(maxPixels, MAX_PHOTO_PIXELS)).catch(() => null);
  return smaller ?? new Blob([await file.arrayBuffer()], { type: file.type || 'application/octet-stream' });
}

/** The photo as a JPEG at most `max` pixels on its long side, or null to keep the original. */
async function downscaled(file: Blob, max: number): Promise<Blob | null> {
  // 'from-image' applies the EXIF orientation: the JPEG written below carries no EXIF
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const long = Math.max(bitmap.width, bitmap.height);
    const fits = long <= max;
    if (fits && file.size < KEEP_JPEG_BYTES && (await isJpeg(file))) return null;
    const scale = Math.min(1, max / long);
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const jpeg = await encodeJpeg(bitmap, width, height);
    // an image that already fits is worth re-encoding only if that makes it smaller
    return fits && jpeg.size >= file.size ? null : jpeg;
  } finally {
    bitmap.close(); // the decoded pixels (48 MB for 12 MP) are freed now, not at the next GC
  }
}

/** JPEG by its first bytes, as the server tells (a picked file's type may be empty or wrong). */
async function isJpeg(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 3).arrayBuffer());
  return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
}

async function encodeJpeg(image: ImageBitmap, width: number, height: number): Promise<Blob> {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (context) {
      draw(context, image, width, height);
      return jpegOrThrow(await canvas.convertToBlob({ type: 'image/jpeg', quality: PHOTO_JPEG_QUALITY }));
    }
  }
  // older browsers (Safari before 16.4) have no OffscreenCanvas or no 2D context on it
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  draw(context, image, width, height);
  return jpegOrThrow(await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_JPEG_QUALITY)));
}

function draw(
  context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D,
  image: ImageBitmap,
  width: number,
  height: number,
): void {
  // JPEG has no alpha: transparent pixels would turn black, so they go on white
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  // one large step down; the default 'low' smoothing aliases fine detail
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, width, height);
}

/** A browser that cannot encode JPEG gives PNG instead: keep the original then. */
function jpegOrThrow(blob: Blob | null): Blob {
  if (blob === null || blob.type !== 'image/jpeg') throw new Error('no JPEG encoder');
  return blob;
}
