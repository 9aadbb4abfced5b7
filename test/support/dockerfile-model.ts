import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type Dockerfile,
  DockerfileParser,
  Env,
  From,
  type Instruction,
  JSONInstruction,
} from 'dockerfile-ast';

/** The project root (where Dockerfile, docker-compose.yml and package.json are). */
export const root = fileURLToPath(new URL('../../', import.meta.url));

export function readProjectFile(path: string): string {
  return readFileSync(`${root}${path}`, 'utf8');
}

/** One `FROM ... AS name` stage and the instructions up to the next FROM. */
export interface Stage {
  name: string | null;
  /** The image or earlier stage it starts from, as written. */
  base: string;
  instructions: Instruction[];
}

export interface ParsedDockerfile {
  text: string;
  dockerfile: Dockerfile;
  stages: Stage[];
}

/** Parses the project's Dockerfile with dockerfile-ast (the parser dockerfile-utils validates with). */
export function parseDockerfile(text = readProjectFile('Dockerfile')): ParsedDockerfile {
  const dockerfile = DockerfileParser.parse(text);
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) {
      stages.push({
        name: instruction.getBuildStage(),
        base: instruction.getImage() ?? '',
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { text, dockerfile, stages };
}

export function byKeyword(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
}

/** The arguments of an exec-form (JSON array) CMD, ENTRYPOINT or VOLUME; null for shell form. */
export function execForm(instruction: Instruction | undefined): string[] | null {
  if (!(instruction instanceof JSONInstruction) || instruction.getOpeningBracket() === null) return null;
  return instruction.getJSONStrings().map((argument) => argument.getJSONValue());
}

/** `HEALTHCHECK [flags] CMD ["exec", "form"]` -> the command; null when not in exec form. */
export function healthcheckCommand(instruction: Instruction | undefined): string[] | null {
  const content = instruction?.getArgumentsContent() ?? '';
  const match = /(?:^|\s)CMD\s+(\[[\s\S]*\])\s*$/.exec(content);
  if (!match?.[1]) return null;
  const parsed: unknown = JSON.parse(match[1]);
  return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : null;
}

/** Every ENV name=value a stage sets (later ones win). */
export function stageEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of stage.instructions) {
    if (!(instruction instanceof Env)) continue;
    for (const property of instruction.getProperties()) env[property.getName()] = property.getValue() ?? '';
  }
  return env;
}

/** The image a stage finally starts from, following `FROM <earlier stage>` links. */
export function baseImage(parsed: ParsedDockerfile, stage: Stage): string {
  let current: Stage | undefined = stage;
  const seen = new Set<Stage>();
  while (current && !seen.has(current)) {
    seen.add(current);
    const base: string = current.base;
    const earlier = parsed.stages.find((candidate) => candidate.name !== null && candidate.name === base);
    if (!earlier) return base;
    current = earlier;
  }
  throw new Error(`FROM cycle at stage ${stage.name}`);
}
