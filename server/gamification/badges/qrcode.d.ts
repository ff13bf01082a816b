// The qrcode package ships no types; this is the one call the certificate image makes.
declare module "qrcode" {
  export function toString(
    text: string,
    options: { type: "svg"; margin?: number; errorCorrectionLevel?: "L" | "M" | "Q" | "H"; color?: { dark?: string; light?: string } },
  ): Promise<string>;
}
