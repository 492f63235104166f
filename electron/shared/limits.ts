/**
 * Every length, size and count the app holds its input to, in one place: the queue's and the
 * contract's schemas check them, and the window's validators and text fields (maxlength) use the
 * same numbers, so a dialog never accepts what the core would refuse.
 */
export const LIMITS = {
  /** A volume's name (the API's limit). */
  nameLength: 255,
  /** A volume's description. */
  descriptionLength: 1000,
  /** An account's name, as the sidebar and the table show it. */
  accountNameLength: 100,
  /** The label an account gives one of its tenants. */
  tenantLabelLength: 100,
  /** The largest volume size, in GB. */
  sizeGb: 65_536,
  /** A server id (attach, detach). */
  serverIdLength: 100,
  /** An image id a volume is created from. */
  imageLength: 100,
  /** The app's own ids: accounts, batches, queue items. */
  idLength: 100,
  /** What a queue item shows as its label (e.g. the volume's name). */
  itemLabelLength: 300,
  /** A batch's title. */
  batchTitleLength: 300,
  /** The most items one batch may hold (`queue:submit`): the window refuses a larger selection up front. */
  batchItems: 10_000,
  /** The most volumes one bulk create makes. */
  bulkCount: 100,
  /** A label the user gives a server or an image id. */
  labelLength: 80,
  /** The most labels (servers and images together) one account keeps. */
  labelsPerAccount: 2_000,
} as const;
