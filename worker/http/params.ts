/** Route parameter patterns shared by the routers. */

/** A UUID in a path (either case; handlers lower-case it), for `/:id{${UUID}}`. */
export const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
