// Search text goes into LIKE as a parameter, where % and _ would still be wildcards: escaped, a
// search for "10%" finds "10%", not everything starting with "10".

/** The text as a LIKE pattern matching itself literally (PostgreSQL's default escape character is \). */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, '\\$&');
