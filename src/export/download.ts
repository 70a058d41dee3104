/**
 * The only module of the export layer that touches the DOM: hands bytes to the browser as a
 * download. Writers return bytes; the page calls this.
 */

/** Saves `bytes` as a file named `name` through a Blob, an object URL and a temporary `<a download>`. */
export function downloadBytes(bytes: Uint8Array, name: string, mime: string): void {
  // Copy into a fresh ArrayBuffer: a view over a SharedArrayBuffer or a larger buffer is not a valid BlobPart slice.
  const blob = new Blob([bytes.slice().buffer as ArrayBuffer], { type: mime });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    // Revoke after the click has been handled: revoking synchronously cancels the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
