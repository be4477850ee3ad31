// The parsing floor of the two Debian-packaged SAX parsers the SARIF reader
// could stand on: each parses FILE with a handler that does nothing, from the
// same 1 MiB-chunk stream, so the difference is the parser alone. This is the
// measurement behind choosing RapidJSON (docs/benchmarks.md).
//
//   g++ -std=c++17 -O2 -I. tests/bench/sax_floor.cpp -o /tmp/sax_floor
//   /usr/bin/time -f "%U s user" /tmp/sax_floor nlohmann FILE
//   /usr/bin/time -f "%U s user" /tmp/sax_floor rapidjson FILE
#include <rapidjson/reader.h>

#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

namespace {

// A chunked stream that fits both parsers: RapidJSON's Peek/Take and an input
// iterator for nlohmann.
struct Stream {
  using Ch = char;
  std::FILE* f;
  std::vector<char> buf = std::vector<char>(1 << 20);
  std::size_t pos = 0, len = 0, base = 0;
  explicit Stream(std::FILE* file) : f(file) { refill(); }
  void refill() {
    base += len;
    pos = 0;
    len = std::fread(buf.data(), 1, buf.size(), f);
  }
  Ch Peek() const { return pos < len ? buf[pos] : '\0'; }
  Ch Take() {
    if (pos >= len) return '\0';
    const Ch c = buf[pos];
    if (++pos == len) refill();
    return c;
  }
  std::size_t Tell() const { return base + pos; }
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  std::size_t PutEnd(Ch*) { return 0; }
};

struct Iter {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;
  Stream* s = nullptr;
  char operator*() const { return s->Peek(); }
  Iter& operator++() {
    s->Take();
    return *this;
  }
  bool done() const { return s == nullptr || s->pos >= s->len; }
  bool operator==(const Iter& o) const { return done() == o.done(); }
  bool operator!=(const Iter& o) const { return done() != o.done(); }
};

struct NlohmannNull : nlohmann::json::json_sax_t {
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool key(string_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_object() override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception&) override {
    return false;
  }
};

struct RapidNull : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RapidNull> {
  bool Default() { return true; }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s nlohmann|rapidjson FILE\n", argv[0]);
    return 2;
  }
  std::FILE* f = std::fopen(argv[2], "rb");
  if (!f) return 2;
  Stream s(f);
  bool ok;
  if (std::strcmp(argv[1], "nlohmann") == 0) {
    NlohmannNull h;
    ok = nlohmann::json::sax_parse(Iter{&s}, Iter{}, &h);
  } else {
    RapidNull h;
    rapidjson::Reader reader;
    ok = !reader.Parse<rapidjson::kParseNumbersAsStringsFlag>(s, h).IsError();
  }
  std::printf("%s: %s\n", argv[1], ok ? "parsed" : "parse error");
  return ok ? 0 : 1;
}
