/** The person behind a turn, as identified by Teams (never by card data). */
export interface Actor {
  /** Entra object id (aadObjectId). */
  id: string;
  name: string;
  tenantId: string;
}
