// A strict, streaming XML 1.0 tokenizer for UTF-8 documents without a DTD,
// written for large JUnit reports: it accepts exactly what expat accepts for
// such documents (tests/fuzz/junit_differential_fuzz.cpp holds it to that) and
// hands elements and text to a handler, scanning with memchr and byte tables
// instead of expat's general machinery. Any other document (another declared
// encoding, UTF-16, an XML declaration of an unusual form) is left to expat:
// see sniff().
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace changegate::xml {

// One attribute of a start tag, its value decoded (entities, character
// references) and normalised (each literal tab, newline or CR is a space).
struct Attribute {
  std::string_view name;
  std::string_view value;
};

// Receives the document's events in order; the views are valid during the call only.
class Handler {
 public:
  virtual ~Handler() = default;
  // A start tag (an empty-element tag is a start then an end); `line` is the line of its '<'.
  // Returns false to stop the document (the handler keeps its own reason).
  virtual bool start_element(std::string_view name, const Attribute* attributes, std::size_t count,
                             int line) = 0;
  virtual bool end_element() = 0;
  // Character data inside the root element (CDATA included), with line ends
  // normalised to '\n'; delivered only while wants_text is true, in pieces.
  virtual void text(std::string_view data) = 0;
  // A <!DOCTYPE before the root element, at `line`: returns false to stop.
  virtual bool doctype(int line) = 0;

  bool wants_text = false;
};

// How a document must be read, judged from its first bytes (at least its XML
// declaration, when it has one): by the tokenizer, after `skip` bytes (a UTF-8
// byte order mark and a plain `<?xml version="1.0" encoding="UTF-8"
// standalone="yes"?>`, which sniff() has checked), or by expat.
struct Sniffed {
  bool fast = false;
  std::size_t skip = 0;
};
Sniffed sniff(std::string_view head);

class Tokenizer {
 public:
  // `skip`: what sniff() returned for the document's first bytes.
  Tokenizer(Handler& handler, std::size_t skip);

  // Reads the next bytes of the document (any split). Returns false once the
  // document is known to be bad or the handler stopped it; error() then tells
  // which (empty: the handler stopped).
  bool feed(const char* data, std::size_t size, bool is_final);

  // Expat's wording for the well-formedness error, e.g. "mismatched tag".
  const std::string& error() const { return error_; }
  int error_line() const { return error_line_; }

 private:
  const char* run(const char* begin, const char* end, bool is_final);
  const char* markup(const char* p, const char* end, bool fin);
  const char* start_tag(const char* p, const char* end, bool fin);
  const char* end_tag(const char* p, const char* end, bool fin);
  const char* bang(const char* p, const char* end, bool fin);
  const char* processing_instruction(const char* p, const char* end, bool fin);
  const char* chardata(const char* p, const char* end, bool fin);
  const char* cdata(const char* p, const char* end, bool fin);
  const char* reference(const char* q, const char* end, bool fin, std::string* out);
  const char* name_end(const char* q, const char* end);
  bool check_duplicates();
  bool valid_chars(const char* from, const char* to);
  const char* more(const char* p, const char* end, bool fin);
  const char* fail(const char* at, const char* what);
  const char* stop();
  void emit(const char* from, const char* to);
  void advance_lines(const char* to);
  int line_at(const char* at);

  struct Span {
    const char* name;
    std::size_t name_size;
    const char* value;  // null: value_offset into scratch_
    std::size_t value_offset;
    std::size_t value_size;
  };

  Handler& handler_;
  std::size_t skip_;
  std::string carry_;          // the unread tail of earlier input (an incomplete token)
  std::size_t rescan_at_ = 0;  // re-read carry_ once it has grown to this size
  bool failed_ = false;
  std::string error_;
  int error_line_ = 0;

  bool root_seen_ = false;
  bool in_cdata_ = false;
  std::string open_names_;           // names of the open elements, concatenated
  std::vector<std::size_t> starts_;  // where each open name starts in open_names_
  std::vector<Span> spans_;
  std::vector<Attribute> attributes_;
  std::string scratch_;  // decoded attribute values
  std::string decoded_;  // one decoded reference in text

  int line_ = 1;
  const char* line_pos_ = nullptr;  // lines are counted up to here
  bool prev_cr_ = false;            // the byte before line_pos_ was '\r'
};

}  // namespace changegate::xml
