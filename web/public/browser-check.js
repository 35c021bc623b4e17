/* 浏览器版本检查：学校电脑上的 360、QQ 等浏览器常用旧版 Chromium 内核（兼容模式甚至是 IE 内核）。
 * 本系统按 Chromium 69 及以上构建；更旧的浏览器在这里得到一页说明，而不是一片空白。
 * 只用 ES5 语法：它必须在最旧的浏览器里也能运行。 */
(function () {
  var MIN_CHROME = 69
  var ua = navigator.userAgent || ''
  var m = /(?:Chrome|Chromium|CriOS)\/(\d+)/.exec(ua)
  var ie = /MSIE |Trident\//.test(ua)
  var modules = 'noModule' in document.createElement('script')
  var tooOld = ie || !modules || (m && parseInt(m[1], 10) < MIN_CHROME)
  if (!tooOld) return
  window.__xietongTooOld = true
  function show() {
    var app = document.getElementById('app')
    if (app) app.style.display = 'none'
    var box = document.createElement('div')
    box.setAttribute('data-test', 'browser-too-old')
    box.style.cssText = 'max-width:560px;margin:80px auto;padding:24px 28px;font:15px/1.8 sans-serif;color:#303133;border:1px solid #dcdfe6;border-radius:6px'
    var kernel = ie ? 'IE 内核（兼容模式）' : m ? 'Chromium ' + m[1] + ' 内核' : '旧版内核'
    box.innerHTML =
      '<h2 style="margin:0 0 12px;font-size:20px">浏览器版本过低</h2>' +
      '<p>您的浏览器使用的是' + kernel + '，无法正常使用协同平台。</p>' +
      '<p>请任选一种方式：</p><ul style="padding-left:20px;margin:0">' +
      '<li>360 安全浏览器或 QQ 浏览器：点击地址栏右侧的闪电图标，切换到“极速模式”；</li>' +
      '<li>把浏览器升级到最新版；</li>' +
      '<li>使用新版 Chrome、Edge 或 Firefox。</li></ul>' +
      '<p style="color:#909399;font-size:13px;margin-top:16px">需要 Chromium ' + MIN_CHROME + ' 或更新的内核。</p>'
    document.body.appendChild(box)
  }
  if (document.body) show()
  else document.addEventListener('DOMContentLoaded', show)
})()
