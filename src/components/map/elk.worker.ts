// elkjs's worker build registers `self.onmessage` itself when it runs in a worker: this file only gives the bundler an entry.
import 'elkjs/lib/elk-worker.min.js';
