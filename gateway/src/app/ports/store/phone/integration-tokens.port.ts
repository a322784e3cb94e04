// Tokens made for an integration (a softphone or PBX announcing calls through the telephony hook), not a person's
// login. Only the hash is kept; the token is shown once, when it is made.

export interface IntegrationTokenRecord {
  id: string;
  name: string;
  tokenHash: string;
  /** What its announcements may reach: the desks of this region and below. */
  regionId: string;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
}

export interface IntegrationTokenStore {
  createIntegrationToken(token: IntegrationTokenRecord): Promise<void>;
  /** A token that is not revoked, by its hash. */
  findIntegrationToken(tokenHash: string): Promise<IntegrationTokenRecord | null>;
  /** Newest first, the revoked ones too. */
  listIntegrationTokens(): Promise<IntegrationTokenRecord[]>;
  /** false when there is no such token or it was already revoked. */
  revokeIntegrationToken(id: string, at: number): Promise<boolean>;
}
