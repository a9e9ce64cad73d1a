/** Largest file a request may upload (imports; evidence files have their own, smaller limit). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
