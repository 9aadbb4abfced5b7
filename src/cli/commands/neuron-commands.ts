import type { Command } from 'commander';
import { parseNeuronId } from '../argument-parsers.js';
import { CliFailure } from '../cli-errors.js';
import { type CliIo, commandContext } from '../cli-io.js';
import { NEURON, type NeuronView } from '../documents.js';
import { neuronLines } from '../format.js';

export function addNeuronCommands(program: Command, io: CliIo): void {
  const neuron = program.command('neuron').description('one neuron, as the gateway sees it');

  neuron
    .command('show')
    .description("a neuron with its measurement, URLs and what is on disk (the reference's describe)")
    .argument('<id>', 'NeuroMorpho neuron id', parseNeuronId)
    .option('--no-measurement', 'leave the measurement out (no measurement request upstream)')
    .action(async (id: number, options: { measurement: boolean }, command: Command) => {
      const context = commandContext(command, io);
      const { neuron: found } = await context.client.request<{ neuron: NeuronView | null }>(NEURON, {
        id,
        withMeasurement: options.measurement,
      });
      if (found === null) throw new CliFailure('NOT_FOUND', `NeuroMorpho has no neuron ${id}`);
      if (context.json) return context.printJson(found);
      for (const line of neuronLines(found)) context.say(line);
    });
}
