/** Why a rebuild read eTower's inventory but would not publish it (the previous snapshot stays current). */
export type InventoryRefusalReason = 'total-mismatch' | 'empty';

export const INVENTORY_REFUSAL_REASONS: readonly InventoryRefusalReason[] = ['total-mismatch', 'empty'];

/**
 * Thrown by rebuildInventory instead of publishing a snapshot that is probably wrong. Retryable (a later read can
 * be right); the worker counts it by reason and logs its details.
 */
export class InventoryRebuildRefusedError extends Error {
  override name = 'InventoryRebuildRefusedError';
  constructor(
    readonly reason: InventoryRefusalReason,
    message: string,
    readonly details: Record<string, number | string>,
  ) {
    super(message);
  }
}
