// Reading files whole and naming paths; nothing here knows about gates.
#pragma once

#include <optional>
#include <string>

namespace changegate {

// Why `path` cannot be read as a regular file, or nullopt when it can:
// "no such file", "is a directory", "is a FIFO", "is a socket", "is a device".
// Uses stat() only, so a FIFO is refused without ever blocking on open().
std::optional<std::string> not_regular_file(const std::string& path);

// The whole content of the regular file at `path`. Returns false with `*err`
// set to "PATH: REASON" (the path as given) when it is not a regular file or
// cannot be read.
bool read_file(const std::string& path, std::string* content, std::string* err);

// Makes `path` ready to be written: creates its missing parent directories
// and checks that it can be written, without creating or truncating it.
// Returns false with `*err` = "PATH: REASON" naming the OS error ("Not a
// directory", "Permission denied").
bool prepare_output_file(const std::string& path, std::string* err);

// `relative` under `root` ("root/relative"); an absolute `relative` is
// returned as it is.
std::string join_path(const std::string& root, const std::string& relative);

}  // namespace changegate
