import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Bot Framework channel's token service on 127.0.0.1: serves OpenID metadata
 * and a JWKS (keys endorsed for msteams) and mints RS256 tokens with its own key.
 */
export class TokenIssuer {
  readonly issuer = 'https://api.botframework.test';
  readonly keyId = randomUUID();
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get metadataUrl(): string {
    return `${this.baseUrl}/.well-known/openidconfiguration`;
  }

  private get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Mints a token; `overrides` change claims, `signWith` signs with another key. */
  token(claims: { aud: string; serviceurl: string } & Record<string, unknown>, signWith?: KeyObject): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.keyId };
    const payload = { iss: this.issuer, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims };
    const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${encode(header)}.${encode(payload)}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(signWith ?? this.keys.privateKey).toString('base64url');
    return `${unsigned}.${signature}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: this.issuer, jwks_uri: `${this.baseUrl}/keys` }));
    } else if (req.url === '/keys') {
      const jwk = this.keys.publicKey.export({ format: 'jwk' });
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: this.keyId, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }));
    } else {
      res.writeHead(404).end('{}');
    }
  }
}

/** Another RSA private key, for tokens the issuer did not sign. */
export function foreignKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}
