// Escaping untrusted text (test names, failure messages, SARIF messages, log
// fields, server errors) for each medium it is printed in. Evidence comes
// from whoever opened the pull request: no byte of it may move a terminal's
// cursor, start a GitHub workflow command or become a live Markdown link.
// Inputs are assumed valid UTF-8 (the engine makes them so).
#pragma once

#include <string>
#include <string_view>

namespace changegate {

// For a terminal or a plain log: a line feed becomes a visible "⏎", a tab a
// space, and every other C0/C1 control character and DEL (ESC, CR, BEL, ...)
// becomes "\xNN", so text can never rewrite what is on the screen.
std::string escape_terminal(std::string_view text);

// A GitHub workflow command's message (data): %, CR and LF percent-encoded,
// so the text cannot end the command or start a new "::" one.
std::string escape_workflow_data(std::string_view text);
// A workflow command's property value (title=, file=): also ':' and ','.
std::string escape_workflow_property(std::string_view text);

// Inline Markdown (a table cell or a list item): backslash-escapes every
// character that could start a link, an image, an HTML tag, code, emphasis
// or a table cell ([ ] ( ) ! < > ` | * _ ~ # \), ':' and '@' and the dot of
// "www." (GFM autolinks), and turns line breaks into a space, so evidence
// shows as the text it is and no URL in it becomes a link.
std::string escape_markdown(std::string_view text);

}  // namespace changegate
