#include "core/files/pdf_content.hpp"

#include <qpdf/Pipeline.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <cmath>
#include <set>
#include <vector>

namespace xt::files {
namespace {
struct OverBudget {};

// Counts decoded bytes and stops the decoder (by throwing) past the budget or the deadline.
class Counter : public Pipeline {
 public:
  explicit Counter(DecodeBudget& b) : Pipeline("budget", nullptr), b_(b) {}
  void write(unsigned char const*, size_t len) override {
    b_.used += len;
    if (b_.used > b_.max_bytes) { over_size = true; throw OverBudget{}; }
    if (++calls_ % 64 == 0 && std::chrono::steady_clock::now() > b_.deadline) { over_time = true; throw OverBudget{}; }
  }
  void finish() override {}
  bool over_size = false, over_time = false;

 private:
  DecodeBudget& b_;
  size_t calls_ = 0;
};

DecodeResult decode_stream(QPDF& q, QPDFObjectHandle s, DecodeBudget& b) {
  Counter counter(b);
  bool ok = false;
  q.getWarnings();  // taken and cleared: what follows is about this stream
  try {
    bool attempted = false;
    ok = s.pipeStreamData(&counter, &attempted, 0, qpdf_dl_generalized, false, false);
  } catch (OverBudget&) {
  } catch (std::exception&) {
    ok = false;
  }
  if (counter.over_size) return DecodeResult::too_large;
  if (counter.over_time) return DecodeResult::too_slow;
  if (!ok || !q.getWarnings().empty()) return DecodeResult::damaged;
  return DecodeResult::ok;
}

// The matrix [a b c d e f] of PDF, row-vector convention: p' = p × M.
struct M {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
};
M times(const M& l, const M& r) {  // l × r
  return {l.a * r.a + l.b * r.c, l.a * r.b + l.b * r.d, l.c * r.a + l.d * r.c, l.c * r.b + l.d * r.d,
          l.e * r.a + l.f * r.c + r.e, l.e * r.b + l.f * r.d + r.f};
}
bool as_matrix(QPDFObjectHandle h, M& out) {
  if (!h.isArray() || h.getArrayNItems() != 6) return false;
  double v[6];
  for (int i = 0; i < 6; ++i) {
    auto x = h.getArrayItem(i);
    if (!x.isNumber()) return false;
    v[i] = x.getNumericValue();
  }
  out = {v[0], v[1], v[2], v[3], v[4], v[5]};
  return true;
}

struct Measure : QPDFObjectHandle::ParserCallbacks {
  const DecodeBudget& budget;
  QPDFObjectHandle resources;
  double page_area = 0;
  int depth = 0;
  std::set<QPDFObjGen>* chain = nullptr;  // forms being drawn, against cycles
  std::vector<M> stack{M{}};
  std::vector<QPDFObjectHandle> operands;
  int min_dpi = 0;

  Measure(const DecodeBudget& b) : budget(b) {}

  void handleObject(QPDFObjectHandle obj) override {
    if (!obj.isOperator()) {
      operands.push_back(obj);
      return;
    }
    auto op = obj.getOperatorValue();
    if (op == "q") stack.push_back(stack.back());
    else if (op == "Q") { if (stack.size() > 1) stack.pop_back(); }
    else if (op == "cm" && operands.size() == 6) {
      auto arr = QPDFObjectHandle::newArray(operands);
      M m;
      if (as_matrix(arr, m)) stack.back() = times(m, stack.back());
    } else if (op == "Do" && operands.size() == 1 && operands[0].isName()) {
      draw(operands[0].getName());
    }
    operands.clear();
  }
  void handleEOF() override {}

  void draw(const std::string& name) {
    if (!resources.isDictionary() || !resources.hasKey("/XObject")) return;
    auto xo = resources.getKey("/XObject");
    if (!xo.isDictionary() || !xo.hasKey(name)) return;
    auto x = xo.getKey(name);
    if (!x.isStream()) return;
    auto dict = x.getDict();
    auto sub = dict.getKey("/Subtype");
    if (!sub.isName()) return;
    const M& ctm = stack.back();
    if (sub.getName() == "/Image") {
      image(dict, ctm);
    } else if (sub.getName() == "/Form" && depth < 12 && std::chrono::steady_clock::now() < budget.deadline) {
      if (x.isIndirect() && chain->count(x.getObjGen())) return;
      Measure inner(budget);
      inner.resources = dict.hasKey("/Resources") && dict.getKey("/Resources").isDictionary() ? dict.getKey("/Resources") : resources;
      inner.page_area = page_area;
      inner.depth = depth + 1;
      inner.chain = chain;
      M fm;
      if (!as_matrix(dict.getKey("/Matrix"), fm)) fm = M{};
      inner.stack = {times(fm, ctm)};
      if (x.isIndirect()) chain->insert(x.getObjGen());
      try {
        QPDFObjectHandle::parseContentStream(x, &inner);
      } catch (std::exception&) {
      }
      if (x.isIndirect()) chain->erase(x.getObjGen());
      if (inner.min_dpi > 0 && (min_dpi == 0 || inner.min_dpi < min_dpi)) min_dpi = inner.min_dpi;
    }
  }

  void image(QPDFObjectHandle dict, const M& ctm) {
    if (dict.hasKey("/ImageMask") && dict.getKey("/ImageMask").isBool() && dict.getKey("/ImageMask").getBoolValue()) return;
    auto w = dict.getKey("/Width"), h = dict.getKey("/Height");
    if (!w.isInteger() || !h.isInteger()) return;
    double px = (double)w.getIntValue(), py = (double)h.getIntValue();
    if (px < 200 && py < 200) return;  // icons and logos are not scans
    double wpt = std::hypot(ctm.a, ctm.b), hpt = std::hypot(ctm.c, ctm.d);
    if (wpt < 1 || hpt < 1) return;
    if (page_area > 0 && std::fabs(ctm.a * ctm.d - ctm.b * ctm.c) < page_area / 10) return;  // small pictures are not pages
    int dpi = (int)std::lround(std::min(px * 72 / wpt, py * 72 / hpt));
    if (min_dpi == 0 || dpi < min_dpi) min_dpi = dpi;
  }
};
}  // namespace

DecodeResult decode_all_content(QPDF& q, DecodeBudget& b) {
  std::set<QPDFObjGen> done;
  auto one = [&](QPDFObjectHandle s) {
    if (!s.isStream()) return DecodeResult::ok;
    if (s.isIndirect() && !done.insert(s.getObjGen()).second) return DecodeResult::ok;
    return decode_stream(q, s, b);
  };
  q.getWarnings();  // what opening said (an xref repair) is not about content
  for (auto& page : QPDFPageDocumentHelper(q).getAllPages()) {
    auto contents = page.getObjectHandle().getKey("/Contents");
    std::vector<QPDFObjectHandle> streams;
    if (contents.isArray()) streams = contents.getArrayAsVector();
    else streams.push_back(contents);
    for (auto& s : streams)
      if (auto r = one(s); r != DecodeResult::ok) return r;
  }
  for (auto& obj : q.getAllObjects()) {
    if (!obj.isStream()) continue;
    auto d = obj.getDict();
    if (d.getKey("/Subtype").isName() && d.getKey("/Subtype").getName() == "/Form")
      if (auto r = one(obj); r != DecodeResult::ok) return r;
  }
  return DecodeResult::ok;
}

DpiResult lowest_image_dpi(QPDF& q, const DecodeBudget& budget) {
  DpiResult out;
  int n = 0;
  for (auto& page : QPDFPageDocumentHelper(q).getAllPages()) {
    ++n;
    if (std::chrono::steady_clock::now() > budget.deadline) break;
    Measure m(budget);
    std::set<QPDFObjGen> chain;
    m.chain = &chain;
    m.resources = page.getAttribute("/Resources", false);
    auto box = page.getMediaBox().getArrayAsRectangle();
    m.page_area = std::fabs((box.urx - box.llx) * (box.ury - box.lly));
    try {
      page.parseContents(&m);
    } catch (std::exception&) {
    }
    if (m.min_dpi > 0 && (out.min_dpi == 0 || m.min_dpi < out.min_dpi)) {
      out.min_dpi = m.min_dpi;
      out.page = n;
    }
  }
  return out;
}
}  // namespace xt::files
