// Parses PowerShell scripts with the tree-sitter PowerShell grammar and prints every syntax error
// as file:line:column. Exit code 0: all parse; 1: a syntax error; 2: bad usage.
// The WebAssembly build of the grammar is used so that nothing is compiled on the machine.
'use strict';
const fs = require('fs');
const path = require('path');
const { Parser, Language } = require('web-tree-sitter');

async function main(files) {
  if (files.length === 0) {
    console.error('usage: node parse.cjs SCRIPT.ps1...');
    return 2;
  }
  await Parser.init();
  const grammar = path.join(__dirname, 'node_modules', 'tree-sitter-powershell', 'tree-sitter-powershell.wasm');
  const parser = new Parser();
  parser.setLanguage(await Language.load(grammar));
  let failed = false;
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    const problems = [];
    const visit = (node) => {
      // An ERROR node is text the grammar could not place; a missing node is a token it had to invent.
      if (node.type === 'ERROR' || node.isMissing) {
        const at = node.startPosition;
        const text = source.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 60)).replace(/\r?\n/g, '\\n');
        problems.push(`${file}:${at.row + 1}:${at.column + 1}: syntax error: ${node.isMissing ? 'missing ' + node.type : 'cannot parse'} near "${text}"`);
        return;
      }
      for (let i = 0; i < node.childCount; i++) visit(node.child(i));
    };
    visit(parser.parse(source).rootNode);
    problems.forEach((p) => console.log(p));
    console.log(`${file}: ${problems.length === 0 ? 'parses' : problems.length + ' syntax error(s)'}`);
    failed = failed || problems.length > 0;
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => { console.error(String(e)); process.exit(2); });
