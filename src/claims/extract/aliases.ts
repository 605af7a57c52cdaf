/**
 * Canonical entities a figure can be about, with the other ways news writes them. A leading "!"
 * marks an alias that is also an ordinary word ("Meta", "Apple"): it matches only capitalised and
 * never fuzzily. Media outlets and regulators are left out on purpose: they report figures, they are
 * not what the figures are about. A company's long-serving chief executive names it too ("the Sam
 * Altman company", "Zuckerberg said the company will have …"): a figure is the company's, not the person's.
 */
export const ENTITY_ALIASES: Record<string, string[]> = {
  // AI labs and model makers
  OpenAI: ['OpenAI', 'Open AI', 'Sam Altman', '!Altman'],
  Anthropic: ['Anthropic', 'Dario Amodei', '!Amodei'],
  'Google DeepMind': ['DeepMind', 'Google DeepMind', 'Demis Hassabis', '!Hassabis'],
  xAI: ['xAI', 'X.AI'],
  DeepSeek: ['DeepSeek', 'Liang Wenfeng'],
  'Mistral AI': ['!Mistral', 'Mistral AI', 'Arthur Mensch'],
  Cohere: ['!Cohere'],
  'Meta AI': ['Meta AI', 'FAIR'],
  'Inflection AI': ['Inflection', 'Inflection AI'],
  'Stability AI': ['Stability AI'],
  'Hugging Face': ['Hugging Face', 'HuggingFace'],
  Perplexity: ['!Perplexity', 'Aravind Srinivas'],
  'Character.AI': ['Character.AI', 'Character AI'],
  'Safe Superintelligence': ['Safe Superintelligence', 'SSI'],
  'Thinking Machines Lab': ['Thinking Machines', 'Thinking Machines Lab'],
  Moonshot: ['Moonshot AI'],
  'Zhipu AI': ['Zhipu', 'Zhipu AI'],
  'Scale AI': ['Scale AI'],
  Databricks: ['Databricks'],
  Snowflake: ['!Snowflake'],
  'Together AI': ['Together AI'],
  Midjourney: ['Midjourney'],
  Runway: ['Runway ML', 'RunwayML'],
  'Cognition Labs': ['!Cognition', 'Cognition Labs'],
  Sierra: ['Sierra AI'],
  Klarna: ['Klarna'],
  Cursor: ['Anysphere'],
  // Big tech and cloud
  Microsoft: ['Microsoft', 'MSFT', 'Satya Nadella', '!Nadella'],
  Google: ['Google', 'Alphabet', 'GOOGL', 'GOOG', 'Sundar Pichai', '!Pichai'],
  Amazon: ['!Amazon', 'AMZN', 'Andy Jassy', '!Jassy'],
  AWS: ['AWS', 'Amazon Web Services'],
  Azure: ['Azure', 'Microsoft Azure'],
  'Google Cloud': ['Google Cloud', 'GCP'],
  Meta: ['!Meta', 'Meta Platforms', 'Facebook', 'Mark Zuckerberg', '!Zuckerberg'],
  Apple: ['!Apple', 'AAPL'],
  Oracle: ['!Oracle', 'ORCL', 'Oracle Cloud', 'Larry Ellison', '!Ellison'],
  IBM: ['IBM'],
  Salesforce: ['Salesforce'],
  SAP: ['SAP'],
  ServiceNow: ['ServiceNow'],
  Tesla: ['!Tesla', 'TSLA'],
  Netflix: ['Netflix'],
  Uber: ['Uber'],
  Adobe: ['Adobe'],
  Palantir: ['Palantir'],
  SoftBank: ['SoftBank', 'Masayoshi Son'],
  Alibaba: ['Alibaba', 'Alibaba Cloud'],
  Tencent: ['Tencent'],
  Baidu: ['Baidu'],
  ByteDance: ['ByteDance', 'TikTok'],
  Huawei: ['Huawei'],
  Samsung: ['Samsung'],
  GitHub: ['GitHub'],
  // Chips and hardware
  Nvidia: ['Nvidia', 'NVDA', 'Jensen Huang'],
  AMD: ['AMD', 'Advanced Micro Devices', 'Lisa Su'],
  Intel: ['!Intel', 'INTC'],
  TSMC: ['TSMC', 'Taiwan Semiconductor', 'TSM'],
  Broadcom: ['Broadcom', 'AVGO', 'Hock Tan'],
  Qualcomm: ['Qualcomm'],
  Arm: ['!Arm', 'Arm Holdings'],
  'SK Hynix': ['SK Hynix', 'Hynix'],
  Micron: ['!Micron'],
  ASML: ['ASML'],
  Cerebras: ['Cerebras'],
  Groq: ['Groq'],
  SambaNova: ['SambaNova'],
  Tenstorrent: ['Tenstorrent'],
  Graphcore: ['Graphcore'],
  'Super Micro': ['Supermicro', 'Super Micro'],
  Dell: ['Dell'],
  // GPU clouds and data centres
  CoreWeave: ['CoreWeave'],
  Lambda: ['Lambda Labs'],
  Crusoe: ['!Crusoe'],
  Nebius: ['Nebius'],
  Equinix: ['Equinix'],
  'Digital Realty': ['Digital Realty'],
  Stargate: ['!Stargate'],
  Colossus: ['!Colossus'],
  // Models and products
  ChatGPT: ['ChatGPT'],
  'GPT-3': ['GPT-3'],
  'GPT-3.5': ['GPT-3.5'],
  'GPT-4': ['GPT-4'],
  'GPT-4o': ['GPT-4o'],
  'GPT-4 Turbo': ['GPT-4 Turbo'],
  'GPT-5': ['GPT-5'],
  Claude: ['!Claude'],
  Gemini: ['!Gemini'],
  Llama: ['!Llama', 'LLaMA'],
  Mixtral: ['Mixtral'],
  Grok: ['Grok'],
  Sora: ['!Sora'],
  Copilot: ['Copilot', 'GitHub Copilot'],
  Qwen: ['Qwen'],
  'DeepSeek-V3': ['DeepSeek-V3', 'DeepSeek V3'],
  'DeepSeek-R1': ['DeepSeek-R1', 'DeepSeek R1'],
  Gemma: ['!Gemma'],
  Phi: ['Phi-3', 'Phi-4'],
  'Stable Diffusion': ['Stable Diffusion'],
  // Open-source projects
  vLLM: ['vLLM'],
  'llama.cpp': ['llama.cpp'],
  PyTorch: ['PyTorch'],
  TensorFlow: ['TensorFlow'],
  'TensorRT-LLM': ['TensorRT-LLM'],
  Mamba: ['!Mamba'],
};

/**
 * Who owns a product or model: a valuation, a funding round or capex is the company's, never its
 * product's ("the startup behind ChatGPT is valued at $157 billion" is about OpenAI).
 */
export const PRODUCT_OWNERS: Record<string, string> = {
  ChatGPT: 'OpenAI',
  'GPT-3': 'OpenAI',
  'GPT-3.5': 'OpenAI',
  'GPT-4': 'OpenAI',
  'GPT-4o': 'OpenAI',
  'GPT-4 Turbo': 'OpenAI',
  'GPT-5': 'OpenAI',
  Sora: 'OpenAI',
  Claude: 'Anthropic',
  Gemini: 'Google',
  Gemma: 'Google',
  Llama: 'Meta',
  Grok: 'xAI',
  Copilot: 'Microsoft',
  Phi: 'Microsoft',
  Qwen: 'Alibaba',
  'DeepSeek-V3': 'DeepSeek',
  'DeepSeek-R1': 'DeepSeek',
  Mixtral: 'Mistral AI',
  'Stable Diffusion': 'Stability AI',
  Colossus: 'xAI',
};

/**
 * Ventures led by one company, reported under either name ("OpenAI's $500 billion Stargate", "Stargate
 * will spend $500 billion"): the claim keeps the name written, the ledger files both as one
 * entity's figure (figure-key.ts).
 */
export const VENTURE_LEADS: Record<string, string> = { Stargate: 'OpenAI' };

/** Business units named as entities of their own, with their parent: "Microsoft (Azure)" is Azure. */
export const PARENTS: Record<string, string> = {
  Azure: 'Microsoft',
  AWS: 'Amazon',
  'Google Cloud': 'Google',
  'Google DeepMind': 'Google',
  'Meta AI': 'Meta',
  GitHub: 'Microsoft',
};
