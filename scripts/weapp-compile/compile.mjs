// Runs WeChat's own compiler (miniprogram-ci) over dist/weapp, offline, and writes what it found
// to the JSON file named by WEAPP_CHECK_RESULT: { compiled: [file, …] } or { compileError },
// then { quality: [item, …] } or { qualityError }. Run by weapp-compile-check.mjs, which judges.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const ci = require('miniprogram-ci');

const projectPath = path.resolve(process.argv[2] ?? 'dist/weapp');
const resultFile = process.env.WEAPP_CHECK_RESULT;
const result = {};

// The constructor insists on an upload key even though nothing is uploaded or signed here: a
// fresh throwaway key, held in memory only.
const { privateKey } = crypto.generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const config = JSON.parse(fs.readFileSync(path.join(projectPath, 'project.config.json'), 'utf8'));
const project = new ci.Project({
  appid: config.appid,
  type: 'miniProgram',
  projectPath,
  privateKey,
  // Without `attr` the compiler asks WeChat's servers for the app's attributes (signed with the
  // key above); DefaultProjectAttr is what it falls back to when that call fails.
  attr: async () => ci.DefaultProjectAttr,
});

try {
  // useProjectConfig: compile with project.config.json's settings (minified, minifyWXML, …), as
  // an upload from the IDE would, instead of miniprogram-ci's own defaults (all off).
  const files = await ci.getCompiledResult({ project, setting: { useProjectConfig: true } });
  result.compiled = Object.keys(files).filter((file) => files[file]?.length > 0);
} catch (error) {
  result.compileError = { message: String(error?.message ?? error), code: error?.code, path: error?.path };
}

try {
  result.quality = await ci.checkCodeQuality(project);
} catch (error) {
  result.qualityError = String(error?.stack ?? error);
}

fs.writeFileSync(resultFile, JSON.stringify(result));
// The quality check leaves a file watcher running and the compiler a forked helper: exit here.
process.exit(0);
