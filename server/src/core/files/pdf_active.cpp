#include "core/files/pdf_active.hpp"

#include <qpdf/QPDFObjectHandle.hh>

#include <set>

namespace xt::files {
namespace {
constexpr const char* kFix = "。请用 WPS 或浏览器打开后“另存为 PDF”（或“打印”为 PDF），再上传";

enum class Kind { none, javascript, launch, form_action, rich_media, embedded_file, xfa, auto_external };

ActiveFinding finding(Kind k) {
  static const std::pair<const char*, const char*> what[] = {
      {"", ""},
      {"files.pdf_javascript", "PDF 含有脚本（JavaScript），打开时可能自动运行"},
      {"files.pdf_launch", "PDF 含有启动外部程序的动作"},
      {"files.pdf_form_action", "PDF 含有提交、导入或清除表单数据的动作"},
      {"files.pdf_rich_media", "PDF 含有 Flash 等多媒体程序"},
      {"files.pdf_embedded_file", "PDF 含有内嵌附件（文件里夹带了其他文件）"},
      {"files.pdf_xfa_form", "PDF 是动态表单（XFA），很多阅读器无法正常显示"},
      {"files.pdf_auto_external", "PDF 打开或翻页时会自动访问网址或其他文件"},
  };
  auto& [code, msg] = what[(int)k];
  return {code, std::string(msg) + kFix, false};
}

std::string name_of(QPDFObjectHandle d, const char* key) {
  if (!d.isDictionary() || !d.hasKey(key)) return "";
  auto v = d.getKey(key);
  return v.isName() ? v.getName() : "";
}

// What an action dictionary does wherever it sits (a link a reader clicks included).
Kind action_kind(const std::string& s) {
  if (s == "/JavaScript") return Kind::javascript;
  if (s == "/Launch") return Kind::launch;
  if (s == "/ImportData" || s == "/SubmitForm" || s == "/ResetForm") return Kind::form_action;
  if (s == "/RichMediaExecute") return Kind::rich_media;
  return Kind::none;
}

// Refused in any dictionary, whatever refers to it.
Kind dictionary_kind(QPDFObjectHandle d) {
  if (d.hasKey("/JS")) return Kind::javascript;
  if (auto k = action_kind(name_of(d, "/S")); k != Kind::none) return k;
  auto type = name_of(d, "/Type"), sub = name_of(d, "/Subtype");
  if (sub == "/RichMedia") return Kind::rich_media;
  if (type == "/EmbeddedFile" || sub == "/FileAttachment" || d.hasKey("/EF")) return Kind::embedded_file;
  if (d.hasKey("/XFA")) return Kind::xfa;
  return Kind::none;
}

struct Walker {
  ActiveFinding found;
  std::set<QPDFObjGen> auto_seen;

  bool done() const { return !found.code.empty(); }

  // An action that runs by itself (the open action, a page's or field's additional actions):
  // moving inside the document is fine, printing is a warning, fetching anything is refused.
  void automatic(QPDFObjectHandle a, int depth) {
    if (done() || depth > 32) return;
    if (a.isIndirect() && !auto_seen.insert(a.getObjGen()).second) return;
    if (a.isArray()) {
      // A destination [page /Fit …] or a /Next chain of actions.
      if (a.getArrayNItems() > 0 && a.getArrayItem(0).isDictionary() && a.getArrayItem(0).hasKey("/S"))
        for (auto& x : a.getArrayAsVector()) automatic(x, depth + 1);
      return;
    }
    if (!a.isDictionary()) return;  // a named destination
    auto s = name_of(a, "/S");
    if (s == "/GoToR" || s == "/GoToE" || s == "/URI" || (s == "/Thread" && a.hasKey("/F"))) {
      found = finding(Kind::auto_external);
      return;
    }
    if (auto k = action_kind(s); k != Kind::none) {
      found = finding(k);
      return;
    }
    if (s == "/Named" && name_of(a, "/N") == "/Print") found.auto_print = true;
    if (a.hasKey("/Next")) automatic(a.getKey("/Next"), depth + 1);
  }

  void additional(QPDFObjectHandle aa) {
    if (!aa.isDictionary()) return;
    for (auto& key : aa.getKeys()) automatic(aa.getKey(key), 0);
  }

  // Direct (nested) dictionaries and arrays are not separate objects: walk into them too.
  void walk(QPDFObjectHandle h, int depth) {
    if (done() || depth > 64) return;
    if (h.isStream()) h = h.getDict();
    if (h.isDictionary()) {
      if (auto k = dictionary_kind(h); k != Kind::none) {
        found = finding(k);
        return;
      }
      if (h.hasKey("/OpenAction")) automatic(h.getKey("/OpenAction"), 0);
      if (h.hasKey("/AA")) additional(h.getKey("/AA"));
      if (done()) return;
      for (auto& k : h.getKeys()) {
        auto v = h.getKey(k);
        if (!v.isIndirect()) walk(v, depth + 1);
      }
    } else if (h.isArray()) {
      for (auto& v : h.getArrayAsVector())
        if (!v.isIndirect()) walk(v, depth + 1);
    }
  }
};
}  // namespace

ActiveFinding find_active_content(QPDF& q) {
  Walker w;
  w.walk(q.getTrailer(), 0);
  for (auto& obj : q.getAllObjects()) {  // every indirect object, and what it holds directly
    w.walk(obj, 0);
    if (w.done()) break;
  }
  if (!w.done()) {
    // The name trees of scripts and embedded files, even when empty of actions elsewhere.
    auto names = q.getRoot().getKey("/Names");
    if (names.isDictionary()) {
      auto filled = [&](const char* key) {
        auto t = names.getKey(key);
        return t.isDictionary() && ((t.hasKey("/Names") && t.getKey("/Names").isArray() && t.getKey("/Names").getArrayNItems() > 0) ||
                                    (t.hasKey("/Kids") && t.getKey("/Kids").isArray() && t.getKey("/Kids").getArrayNItems() > 0));
      };
      if (filled("/JavaScript")) w.found = finding(Kind::javascript);
      else if (filled("/EmbeddedFiles")) w.found = finding(Kind::embedded_file);
    }
  }
  return w.found;
}
}  // namespace xt::files
