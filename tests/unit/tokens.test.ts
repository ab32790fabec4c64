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
  new SignJWT({ partnership_id: "p", roles: ["BUSINESS_UNIT"], token_use: "id" })
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
    expect(await verify(`Bearer ${token}`)).toMatchObject({ principal: { subject: "s" } });
    expect(await verify(`Bearer ${token}`)).toMatchObject({ principal: { subject: "s" } });
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

describe("the two kinds of token", () => {
  const claims = async (
    payload: Record<string, unknown>,
    audience: string | undefined = "web-client",
  ) => {
    const { privateKey, publicJwk } = await keys();
    const verify = createVerifier({
      issuer: "urn:i",
      audiences: ["web-client"],
      jwks: { keys: { keys: [publicJwk] } },
      partnerScope: "lif-prod-api/api",
    });
    let jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: "RS256", kid: "k" })
      .setSubject("cognito-sub")
      .setIssuer("urn:i")
      .setIssuedAt()
      .setExpirationTime("1h");
    if (audience) jwt = jwt.setAudience(audience);
    return verify(`Bearer ${await jwt.sign(privateKey)}`);
  };
  const person = {
    token_use: "id",
    partnership_id: "p1",
    agency_id: "a1",
    roles: "AGENCY_LEAD PRACTITIONER",
    person_id: "person-1",
  };

  it("a person's ID token, as Cognito issues it with the trigger's claims: the person's record id, roles from the space-separated claim", async () => {
    expect(await claims(person)).toEqual({
      kind: "person",
      principal: {
        subject: "person-1",
        partnershipId: "p1",
        agencyId: "a1",
        roles: ["AGENCY_LEAD", "PRACTITIONER"],
        isMachine: false,
      },
    });
  });

  it.each([
    ["for another app client", { ...person }, "other-client"],
    ["without token_use", { ...person, token_use: undefined }, "web-client"],
    ["of an unknown token_use", { ...person, token_use: "refresh" }, "web-client"],
    ["without roles", { ...person, roles: "" }, "web-client"],
    ["claiming PARTNER_SYSTEM", { ...person, roles: "PARTNER_SYSTEM" }, "web-client"],
    ["a platform role in a partnership", { ...person, roles: "PLATFORM_OPERATOR" }, "web-client"],
  ])("refuses an ID token %s", async (_, payload, audience) => {
    await expect(claims(payload, audience)).rejects.toThrow();
  });

  it("a partner system's access token names its client only, and must carry the API's scope", async () => {
    expect(
      await claims(
        { token_use: "access", client_id: "client-1", scope: "lif-prod-api/api" },
        undefined,
      ),
    ).toEqual({ kind: "client", clientId: "client-1" });
    await expect(
      claims({ token_use: "access", client_id: "client-1", scope: "other/api" }, undefined),
    ).rejects.toThrow("Token lacks the API's scope");
    await expect(
      claims({ token_use: "access", scope: "lif-prod-api/api" }, undefined),
    ).rejects.toThrow("An access token must name its client");
  });
});
