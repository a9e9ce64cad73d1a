import { hash, verify } from '@node-rs/argon2';

// OWASP recommendation for argon2id: m=19 MiB, t=2, p=1.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(
  hashValue: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!hashValue) {
    // Spend the same time as a real check so that unknown accounts cannot be told apart by timing.
    await hash(password, OPTIONS);
    return false;
  }
  try {
    return await verify(hashValue, password);
  } catch {
    return false;
  }
}
