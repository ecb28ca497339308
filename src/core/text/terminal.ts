/**
 * Text from a workbook shown on a terminal: a cell can hold an escape sequence (`_x001B_[2J` in
 * the file decodes to ESC [2J, which clears the screen; OSC sequences can retitle the window or
 * forge hyperlinks), a carriage return that overprints a line, or bidirectional overrides that
 * reorder what is seen. None of them must act. C0 controls (tab and newline aside) become their
 * visible Control Pictures (ESC → ␛); DEL, C1 controls and bidi controls become a `\uXXXX`
 * escape — visible, and still valid inside a JSON string, so the same pass keeps `--json` intact
 * (JSON.stringify already escapes C0 but not C1 or bidi controls). Nothing is deleted: what the
 * cell holds can still be read off the screen.
 */

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Whether text would reach a terminal unchanged. */
export function isTerminalSafe(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return !UNSAFE.test(text);
}
