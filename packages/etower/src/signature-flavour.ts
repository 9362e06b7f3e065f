import { flavourMatters, type Base64Flavour } from './signing';

// Which Base64 flavour eTower accepts is unknown until it answers (reference §1.3: every public integration
// sends standard Base64, a doc sample contains `_`). Only a signature with `+` or `/` tells the flavours apart:
// the others are the same string in both. So the first signed call whose signature differs settles it: accepted
// in standard Base64 -> standard; refused (401) in standard and then accepted in URL-safe -> URL-safe. Until then
// every differing signature that gets a 401 is tried once more in URL-safe Base64. Remembered per client, which
// is per tenant (TenantRegistry); each process learns it again after a restart, at the cost of one extra call.

/** A 401 to a standard signature with `+` or `/` was sent once more in URL-safe Base64. */
export interface EtowerSignatureFallback {
  endpoint: string;
  /** `accepted`: eTower took the URL-safe signature, which is used from now on. `rejected`: it refused both
   *  (a wrong token or key, or the clock), so the 401 is not a Base64 matter. */
  outcome: 'accepted' | 'rejected';
}

export class SignatureFlavourMemory {
  private learned: Base64Flavour | undefined;

  constructor(pinned?: Base64Flavour) {
    this.learned = pinned;
  }

  /** The flavour to sign with: what eTower accepted, standard until it has said. */
  current(): Base64Flavour {
    return this.learned ?? 'standard';
  }

  /** What eTower is known to accept, or undefined while no differing signature has been answered. */
  known(): Base64Flavour | undefined {
    return this.learned;
  }

  /** Whether a 401 to this signature is worth one more try in URL-safe Base64. */
  shouldFallBack(sent: Base64Flavour, standardSignature: string): boolean {
    return this.learned === undefined && sent === 'standard' && flavourMatters(standardSignature);
  }

  /** eTower answered (not 401) a call signed in `flavour`; it proves the flavour only when the two differ. */
  accepted(flavour: Base64Flavour, standardSignature: string): void {
    if (this.learned === undefined && flavourMatters(standardSignature)) this.learned = flavour;
  }
}
