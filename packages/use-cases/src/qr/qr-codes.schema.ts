import { z } from '../zod.ts';

/** Replacing a QR code (rotateQrCode): which one; an id that is not this community's is a 404. */
export const rotateQrCodeSchema = z.object({ qrId: z.string().default('') });
