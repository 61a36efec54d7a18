/** Escaping text for HTML and SVG: every id and name is data and may hold `<`, `&` or quotes. */

const entities: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }

/**
 * Text made safe for an HTML or SVG element's content or a quoted attribute.
 * @example esc('<script>"x"</script>') // "&lt;script&gt;&quot;x&quot;&lt;/script&gt;"
 */
export const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c])
