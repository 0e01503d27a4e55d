/**
 * The bookkeeping both node stores keep alike (each extends this): which versions they hold
 * (oldest to latest), that versions are written in order, and how far they were pruned.
 */
import { StateError } from './errors.ts';

export abstract class VersionBook {
  #range: { oldest: number; latest: number } | undefined;
  #pruned = 0;

  /** What a store found on opening (the sqlite store reads it from its file). */
  protected restoreVersions(
    range: { oldest: number; latest: number } | undefined,
    prunedBefore: number,
  ): void {
    this.#range = range;
    this.#pruned = prunedBefore;
  }

  versions(): { oldest: number; latest: number } | undefined {
    return this.#range ? { ...this.#range } : undefined;
  }

  prunedBefore(): number {
    return this.#pruned;
  }

  /** STATE_VERSION_CONFLICT unless `version` is the one after the latest held. */
  protected checkNext(version: number): void {
    if (this.#range && version !== this.#range.latest + 1) {
      throw new StateError('STATE_VERSION_CONFLICT', 'versions are written in order', {
        version,
        latest: this.#range.latest,
      });
    }
  }

  protected wrote(version: number): void {
    this.#range = { oldest: this.#range?.oldest ?? version, latest: version };
  }

  /** After a prune below `beforeVersion`: the oldest version kept never passes the latest. */
  protected prunedTo(beforeVersion: number): void {
    this.#pruned = Math.max(this.#pruned, beforeVersion);
    if (this.#range)
      this.#range = {
        oldest: Math.max(this.#range.oldest, Math.min(beforeVersion, this.#range.latest)),
        latest: this.#range.latest,
      };
  }
}
