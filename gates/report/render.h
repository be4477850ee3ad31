// The one entry to every rendering of an evaluation (SPEC §6): `check`,
// `report` and the GitHub step summary all go through render(), so one
// evaluation prints the same whichever command asked for it.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "gates/evaluation.h"

namespace changegate {

enum class Format { text, json, markdown, html, junit };

struct RenderOptions {
  bool color = false;        // ANSI colour, text only (the CLI decides: TTY and no NO_COLOR)
  std::string template_dir;  // overrides the built-in Markdown/HTML templates when non-empty
};

// The format named "text", "json", "markdown", "html" or "junit"; nullopt for any other name.
std::optional<Format> parse_format(const std::string& name);

// The format a report file's extension asks for (.json, .md, .html/.htm, .xml for JUnit);
// throws changegate::Error "-o PATH: cannot tell the format from the extension (...)"
// for any other extension.
Format format_for_extension(const std::string& path);

// Checks, before anything is evaluated, that `template_dir` (when non-empty)
// holds the template of every Markdown/HTML format in `formats`; throws
// changegate::Error naming the directory and the missing template.
void check_template_dir(const std::string& template_dir, const std::vector<Format>& formats);

// Writes `evaluation` to `out` in `format` (every string repaired to valid
// UTF-8 first); throws changegate::Error when a
// Markdown/HTML template cannot be read or does not parse.
void render(const Evaluation& evaluation, Format format, std::ostream& out,
            const RenderOptions& options);

// Renders into the file at `path` (created or truncated); throws
// changegate::Error "-o PATH: cannot write the report" when it cannot be
// written, and whatever render() throws.
void render_to_file(const Evaluation& evaluation, Format format, const std::string& path,
                    const RenderOptions& options);

}  // namespace changegate
