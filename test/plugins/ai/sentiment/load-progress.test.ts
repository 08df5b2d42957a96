import { expect } from 'chai';
import { LoadProgress } from '../../../../plugins/ai/sentiment/load-progress.js';

describe('LoadProgress', () => {
  it('sums bytes and percent over the files transformers.js reports', () => {
    const progress = new LoadProgress();
    progress.update({ status: 'initiate', file: 'config.json' });
    expect(progress.update({ status: 'progress', file: 'config.json', loaded: 100, total: 100 })).to.deep.equal({ percent: 100, bytes: 100 });
    expect(progress.update({ status: 'progress', file: 'onnx/model_quantized.onnx', loaded: 100, total: 900 })).to.deep.equal({ percent: 20, bytes: 200 });
    expect(progress.update({ status: 'progress', file: 'onnx/model_quantized.onnx', loaded: 450, total: 900 })).to.deep.equal({ percent: 55, bytes: 550 });
    expect(progress.update({ status: 'done', file: 'onnx/model_quantized.onnx' })).to.deep.equal({ percent: 100, bytes: 1000 });
  });

  it('reports nothing before any file announces its size', () => {
    const progress = new LoadProgress();
    expect(progress.update({ status: 'initiate', file: 'tokenizer.json' })).to.deep.equal({ percent: 0, bytes: 0 });
    expect(progress.update({ status: 'ready' })).to.deep.equal({ percent: 0, bytes: 0 });
  });
});
