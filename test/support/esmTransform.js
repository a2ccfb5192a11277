/* eslint-disable @typescript-eslint/no-require-imports -- jest require()s its transformers as CommonJS */
// Jest runs CommonJS (ts-jest) and cannot load an ESM-only package such as @platformatic/kafka
// without --experimental-vm-modules, which would change how every other test loads. This rewrites
// just those packages' ES modules to CommonJS with esbuild (a few ms a file, cached by jest), the
// way a Lambda bundle includes them. import.meta.url becomes the file's own URL, which the package
// hands to createRequire and to its WebAssembly loader.
const { createHash } = require('node:crypto');
const { transformSync } = require('esbuild');

const banner = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'js',
      format: 'cjs',
      target: 'node22',
      sourcefile: filename,
      sourcemap: 'external',
      banner,
      define: { 'import.meta.url': '__importMetaUrl' },
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha1').update(banner).update(filename).update(source).digest('hex');
  },
};
