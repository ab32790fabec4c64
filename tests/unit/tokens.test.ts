import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createVerifier } from "../../src/auth/tokens";

async function keys() {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return {
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid: "k", alg: "RS256" } as JWK,
  };
}

const sign = (key: Awaited<ReturnType<typeof keys>>["privateKey"], exp: number) =>
  new SignJWT({ partnership_id: "p", roles: ["BUSINESS_UNIT"] })
    .setProtectedHeader({ alg: "RS256", kid: "k" })
    .setSubject("s")
    .setIssuer("urn:i")
    .setAudience("a")
    .setIssuedAt(Math.floor(Date.now() / 1000))
    .setExpirationTime(exp)
    .sign(key);

afterEach(() => {
  vi.useRealTimers();
});

describe("the token verifier", () => {
  it("checks a token's signature once, then answers from what it verified until the token expires", async () => {
    const { privateKey, publicJwk } = await keys();
    const verify = createVerifier({
      issuer: "urn:i",
      audiences: ["a"],
      jwks: { keys: { keys: [publicJwk] } },
    });
    const exp = Math.floor(Date.now() / 1000) + 60;
    const token = await sign(privateKey, exp);
    const subtle = vi.spyOn(crypto.subtle, "verify");
    expect((await verify(`Bearer ${token}`))?.subject).toBe("s");
    expect((await verify(`Bearer ${token}`))?.subject).toBe("s");
    expect(subtle).toHaveBeenCalledTimes(1);
    // Past its exp (and the clock tolerance), the same token is refused, not served from memory.
    vi.useFakeTimers({ now: (exp + 120) * 1000, toFake: ["Date"] });
    await expect(verify(`Bearer ${token}`)).rejects.toThrow(/expired|not valid/);
    subtle.mockRestore();
  });

  it("never keeps a token it refused", async () => {
    const { privateKey } = await keys();
    const other = await keys();
    const verify = createVerifier({
      issuer: "urn:i",
      audiences: ["a"],
      jwks: { keys: { keys: [other.publicJwk] } },
    });
    const token = await sign(privateKey, Math.floor(Date.now() / 1000) + 60);
    await expect(verify(`Bearer ${token}`)).rejects.toThrow();
    await expect(verify(`Bearer ${token}`)).rejects.toThrow();
  });
});
