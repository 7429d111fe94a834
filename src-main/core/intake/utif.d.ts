/** Types for the parts of `utif` (TIFF decoder/encoder, no bundled types) that intake and its tests use. */
declare module 'utif' {
  /** One image file directory: tags as `t<number>` arrays, plus what decodeImage fills in. */
  export type Ifd = { [tag: `t${number}`]: number[] | string[] | undefined; width?: number; height?: number; data?: Uint8Array };
  const UTIF: {
    decode(buffer: ArrayBuffer | Uint8Array): Ifd[];
    decodeImage(buffer: ArrayBuffer | Uint8Array, ifd: Ifd, ifds?: Ifd[]): void;
    toRGBA8(ifd: Ifd): Uint8Array;
    encode(ifds: Record<string, unknown>[]): ArrayBuffer;
  };
  export default UTIF;
}
