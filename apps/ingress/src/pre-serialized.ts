/**
 * An answer whose JSON is already written (a page of 1000 inventory rows stored as JSON in Redis is spliced,
 * not parsed and serialised again). `success` is kept beside it for the request log.
 */
export class PreSerialized {
  constructor(
    readonly json: string,
    readonly success: boolean,
  ) {}
}
