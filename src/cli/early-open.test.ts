import { describe, expect, it } from 'vitest';
import { servesFromEnvironment } from './early-open';

// `zhiliang serve` opens the embedded database before the command is parsed; any other command
// (a backup next to a running server, --help in a new folder) must not touch the data directory.
describe('which command lines open the database early', () => {
  it('the plain serve, with or without a port or host', () => {
    expect(servesFromEnvironment([])).toBe(true);
    expect(servesFromEnvironment(['serve'])).toBe(true);
    expect(servesFromEnvironment(['serve', '-p', '3001'])).toBe(true);
    expect(servesFromEnvironment(['serve', '--port=3001', '--host', '0.0.0.0'])).toBe(true);
    expect(servesFromEnvironment(['--port', '3001'])).toBe(true);
  });

  it('not other commands, help, version, another data directory, or an unknown word', () => {
    for (const args of [
      ['db', 'backup', 'x.zlbak'],
      ['plans', 'import', 'a.docx'],
      ['--help'],
      ['serve', '-h'],
      ['-V'],
      ['serve', '--data-dir', '/tmp/other'],
      ['serve', '--data-dir=/tmp/other'],
      ['serve', 'extra'],
      ['draw', 'verify', 'f.json'],
    ]) {
      expect(servesFromEnvironment(args), args.join(' ')).toBe(false);
    }
  });
});
