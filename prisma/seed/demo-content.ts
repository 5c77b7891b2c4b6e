/**
 * Content of the seeded demo map: a debate over China's "cyber sovereignty", built from the five
 * real source documents in ./sources (metadata in ./sources/sources.json).
 *
 * Plain data, no imports: prisma/seed/seed-demo.ts turns it into a map, and
 * prisma/seed/demo-content.test.ts checks it (every evidence `exact` must occur verbatim in its source).
 *
 * Evidence quotes are copied byte-for-byte from the source files: they keep the sources' curly quotes
 * and apostrophes (’ ‘ “ ”), em and en dashes, inline footnote markers (e.g. "property16—"), and in one
 * place non-breaking spaces, written here as \u00a0 escapes so they stay visible.
 */

export interface DemoSource {
  file: string;
  title: string;
  author: string | null;
  publisher: string | null;
  url: string | null;
  /** ISO date; "YYYY-01-01" when only the year is known. */
  publishedAt: string | null;
}

export interface DemoClaim {
  key: string;
  text: string;
  parentKey?: string;
  relation?: 'support' | 'oppose';
}

export interface DemoEvidence {
  key: string;
  sourceFile: string;
  exact: string;
  /** 0-based, when `exact` occurs more than once in the source; default 0. */
  occurrence?: number;
  claimKey: string;
  relation: 'support' | 'oppose';
  note?: string;
}

export interface DemoVoter {
  key: string;
  displayName: string;
}

export interface DemoVote {
  voterKey: string;
  /** A claim key or an evidence key. */
  targetKey: string;
  value: 0 | 1 | 2 | 3 | 4;
}

export const DEMO_MAP: { title: string; description: string } = {
  title: 'Is cyber sovereignty a legitimate principle for governing the internet?',
  description:
    'China says every state has the right to govern the internet inside its borders as it sees fit. Drawing on five articles from ' +
    '2011 to 2023, this map weighs whether that is ordinary statehood brought online or a banner for censorship and surveillance.',
};

export const DEMO_SOURCES: DemoSource[] = [
  {
    file: 'china-seeks-digital-control.txt',
    title: 'China Seeks Digital Control, from U.N. to CPU',
    author: null,
    publisher: null,
    url: null,
    publishedAt: '2015-01-01',
  },
  {
    file: 'internet-sovereignty-revisited.txt',
    title: 'China and Internet Sovereignty Revisited',
    author: null,
    publisher: 'The Diplomat (China Power)',
    url: null,
    publishedAt: '2015-01-01',
  },
  {
    file: 'xi-seattle-tech-firms.txt',
    title: "[China presses U.S. tech firms before Xi's Seattle visit]",
    author: null,
    publisher: 'The Intercept',
    url: null,
    publishedAt: '2015-01-01',
  },
  {
    file: 'community-shared-future-cyberspace.txt',
    title: "[China's Community with a Shared Future in Cyberspace]",
    author: 'Dakota Cary',
    publisher: null,
    url: null,
    publishedAt: '2023-01-01',
  },
  {
    file: 'information-vs-cyber-security.txt',
    title: 'China and Information vs. Cyber Security',
    author: 'Adam Segal',
    publisher: 'Council on Foreign Relations (Asia Unbound)',
    url: null,
    publishedAt: '2011-09-15',
  },
];

/** Parents come before their children; the single thesis has no parentKey. */
export const DEMO_CLAIMS: DemoClaim[] = [
  { key: 'thesis', text: 'Cyber sovereignty is a legitimate principle for governing the internet' },
  {
    key: 'borders',
    parentKey: 'thesis',
    relation: 'support',
    text: 'Regulating what happens within its borders is a basic attribute of any state, online as much as offline',
  },
  {
    key: 'not-unique',
    parentKey: 'borders',
    relation: 'support',
    text: 'China is not unique: states from India to Sweden already demand control over the networks in their territory',
  },
  { key: 'gdpr', parentKey: 'thesis', relation: 'support', text: 'Cyber sovereignty mirrors GDPR' },
  {
    key: 'interference',
    parentKey: 'gdpr',
    relation: 'support',
    text: "Democracies' own alarm over foreign interference on social media shows they accept state authority over online content",
  },
  {
    key: 'gdpr-speech',
    parentKey: 'gdpr',
    relation: 'oppose',
    text: "GDPR protects individuals' data; China's cyber sovereignty is inseparable from censoring political speech",
  },
  {
    key: 'intl-law',
    parentKey: 'thesis',
    relation: 'support',
    text: "UN experts, China included, agreed that state sovereignty applies to states' conduct in cyberspace",
  },
  {
    key: 'selective-law',
    parentKey: 'intl-law',
    relation: 'oppose',
    text: 'China invokes sovereignty selectively while playing down the consensus that existing international law applies online',
  },
  {
    key: 'responsibility',
    parentKey: 'intl-law',
    relation: 'support',
    text: 'Sovereignty makes states answerable for cyberattacks launched from their territory',
  },
  {
    key: 'equal-voice',
    parentKey: 'thesis',
    relation: 'support',
    text: 'A state-led, multilateral model gives every country an equal say instead of leaving the rules to US-based actors',
  },
  {
    key: 'icann',
    parentKey: 'equal-voice',
    relation: 'support',
    text: 'US oversight of core internet functions such as ICANN gave other states a real grievance',
  },
  {
    key: 'sidelines-society',
    parentKey: 'equal-voice',
    relation: 'oppose',
    text: 'Putting states at the centre sidelines the civil society and private sector voices that multi-stakeholder governance includes',
  },
  {
    key: 'peace',
    parentKey: 'thesis',
    relation: 'support',
    text: "China's code of conduct commits states to settle cyber disputes peacefully, unlike US threats of force",
  },
  {
    key: 'hacking',
    parentKey: 'peace',
    relation: 'oppose',
    text: "China's own state-backed hacking belies its call for peace and security in cyberspace",
  },
  { key: 'censorship', parentKey: 'thesis', relation: 'oppose', text: 'Sovereignty claims mask censorship' },
  {
    key: 'online-violence',
    parentKey: 'censorship',
    relation: 'support',
    text: "China labels politically sensitive speech 'online violence' to justify suppressing it",
  },
  {
    key: 'un-speech-crimes',
    parentKey: 'censorship',
    relation: 'support',
    text: "China pushes at the UN to make sharing unwanted or 'false' information online a crime",
  },
  {
    key: 'order-freedom',
    parentKey: 'censorship',
    relation: 'oppose',
    text: "Order is the guarantee of freedom online, so content rules protect users' legitimate rights",
  },
  {
    key: 'exports-repression',
    parentKey: 'thesis',
    relation: 'oppose',
    text: 'China exports its model to keep authoritarian partners in power and to extend its own reach',
  },
  {
    key: 'repression-abroad',
    parentKey: 'exports-repression',
    relation: 'support',
    text: 'Chinese technology has helped governments from Uganda to the rest of East Africa track opponents and censor the internet',
  },
  {
    key: 'intel-access',
    parentKey: 'exports-repression',
    relation: 'support',
    text: "Partnering with Chinese security firms gives Beijing visibility into, and a foothold in, other nations' networks",
  },
  {
    key: 'demand-driven',
    parentKey: 'exports-repression',
    relation: 'oppose',
    text: 'Authoritarian governments seek these tools on their own; China meets their demand rather than imposing its model',
  },
  {
    key: 'backdoors',
    parentKey: 'thesis',
    relation: 'oppose',
    text: 'Cyber sovereignty is a pretext for forcing foreign firms to hand over source code and build back doors for surveillance',
  },
  {
    key: 'weakens-everyone',
    parentKey: 'backdoors',
    relation: 'support',
    text: 'A back door built for one government weakens the whole system against every outside attacker',
  },
  {
    key: 'us-too',
    parentKey: 'backdoors',
    relation: 'oppose',
    text: 'Back-door demands are not unique to China: US law enforcement seeks the same access, so the difference is one of degree',
  },
  {
    key: 'economy',
    parentKey: 'thesis',
    relation: 'oppose',
    text: "Walling off the internet in the name of sovereignty drains China's own economy and research",
  },
  {
    key: 'nursery',
    parentKey: 'economy',
    relation: 'oppose',
    text: "The Great Firewall sheltered China's tech giants and gave them room to grow",
  },
  {
    key: 'protectionism',
    parentKey: 'nursery',
    relation: 'oppose',
    text: "Sheltering domestic firms this way is protectionism that flouts China's global trade commitments",
  },
  { key: 'hypocrisy', parentKey: 'thesis', relation: 'oppose', text: 'China applies its own cyber principles hypocritically' },
  {
    key: 'state-media',
    parentKey: 'hypocrisy',
    relation: 'support',
    text: 'Beijing blocks Facebook and Twitter at home while its state media use them to reach foreign audiences',
  },
  {
    key: 'market-access',
    parentKey: 'hypocrisy',
    relation: 'support',
    text: "China preaches win-win openness while restricting foreign tech firms' access to its own market",
  },
];

export const DEMO_EVIDENCE: DemoEvidence[] = [
  // Dakota Cary, China's Community with a Shared Future in Cyberspace (2023), a report with numbered footnote markers
  {
    key: 'ev-cary-state-regulates',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'But cyber sovereignty is not itself controversial. The idea that a government can regulate things within its borders is nearly ' +
      'synonymous with what it means to be a state.',
    claimKey: 'borders',
    relation: 'support',
  },
  {
    key: 'ev-cary-gdpr',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'The PRC frequently points to the General Data Protection Regulation (GDPR) in the European Union as a leading example of the ' +
      'state’s role in internet regulation.',
    claimKey: 'gdpr',
    relation: 'support',
  },
  {
    key: 'ev-cary-gdpr-rights',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'The GDPR allows EU citizens to have their data deleted, forces businesses to disclose data breaches, and requires websites to ' +
      'give users a choice to accept or reject cookies (and what kind) each time they visit a new website.',
    claimKey: 'gdpr',
    relation: 'support',
  },
  {
    key: 'ev-cary-convergence-stops',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact: 'But the alleged convergence between the views of China and democratic nations stops there.',
    claimKey: 'gdpr',
    relation: 'oppose',
    note: 'Cary grants the GDPR comparison only up to a point.',
  },
  {
    key: 'ev-cary-foreign-interference',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'China points to concerns in the United States over foreign interference on social media as evidence of US buy-in on China’s ' +
      'view of cyber sovereignty.',
    claimKey: 'interference',
    relation: 'support',
  },
  {
    key: 'ev-cary-inextricable',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'The article extrapolates on what Xi made clear in his 2015 speech. For the CCP, censorship and sovereignty are inextricably linked.',
    claimKey: 'gdpr-speech',
    relation: 'support',
  },
  {
    key: 'ev-cary-online-violence',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact: 'For China, “online violence” is a euphemism for speech deemed politically sensitive by the government.',
    claimKey: 'online-violence',
    relation: 'support',
  },
  {
    key: 'ev-cary-un-false-info',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'As recently as January 2023, China offered an amendment to a UN treaty attempting to make sharing false information online illegal.',
    claimKey: 'un-speech-crimes',
    relation: 'support',
    note: "The report's footnote marker (22) directly follows this sentence and is left out of the quote.",
  },
  {
    key: 'ev-cary-freedom-order',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'Like in the real world, freedom and order are both necessary in cyberspace. Freedom is what order is meant for and order is ' +
      'the guarantee for freedom.',
    claimKey: 'order-freedom',
    relation: 'support',
    note: 'Xi Jinping, 2015 World Internet Conference speech, as quoted by Cary.',
  },
  {
    key: 'ev-cary-good-order-impossible',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'Cultivating “good order” in cyberspace, at least as Xi conceptualizes it, is impossible for democratic countries with freedom ' +
      'of speech.',
    claimKey: 'order-freedom',
    relation: 'oppose',
  },
  {
    key: 'ev-cary-equal-footing',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'We should respect the right of individual countries to independently choose their own path of cyber development, model of ' +
      'cyber regulation and Internet public policies, and participate in international cyberspace governance on an equal footing.',
    claimKey: 'equal-voice',
    relation: 'support',
    note: 'Xi Jinping, 2015 speech: the "respect for cyber sovereignty" principle.',
  },
  {
    key: 'ev-cary-norms-export',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'China understands this problem and is trying to build global norms that facilitate the provision of its censorship and ' +
      'surveillance tools to other countries.',
    claimKey: 'exports-repression',
    relation: 'support',
  },
  {
    key: 'ev-cary-east-africa',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'The Australian Strategic Policy Institute found that “with technical support from China, local governments in East Africa are ' +
      'escalating censorship on social media platforms and the internet.”',
    claimKey: 'repression-abroad',
    relation: 'support',
  },
  {
    key: 'ev-cary-uganda',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'The Wall Street Journal exposed how Huawei technicians were involved in helping Ugandan security services track political ' +
      'opponents of the government.',
    claimKey: 'repression-abroad',
    relation: 'support',
  },
  {
    key: 'ev-cary-demand-driven',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'Authoritarian regimes that seek economic benefits of widespread internet access are more apt to deploy PRC-made systems that ' +
      'facilitate mass surveillance, thus reducing the risks posed by increased connectivity.',
    claimKey: 'demand-driven',
    relation: 'support',
  },
  {
    key: 'ev-cary-ip-theft',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'China—a country with a famously effective and persistent ability to steal and commercialize foreign intellectual ' +
      'property16—suggests that all countries should abhor cyberattacks that lead to IP theft or government spying.',
    claimKey: 'hypocrisy',
    relation: 'support',
    note: 'Quoted verbatim, including the report\'s inline footnote marker "16".',
  },
  {
    key: 'ev-cary-visibility',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'Chinese cybersecurity firms would significantly increase the PRC’s visibility into global cyber operations by other nations or ' +
      'transnational criminal groups.',
    occurrence: 1,
    claimKey: 'intel-access',
    relation: 'support',
    note: 'This sentence ending appears twice in the report (executive summary and body); the quote anchors to the second, in the body.',
  },
  {
    key: 'ev-cary-unimpeded',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'with each new client China’s cybersecurity companies add to their rosters, China’s state-backed hackers may well gain another ' +
      'network where they can work without worrying about defenders',
    claimKey: 'intel-access',
    relation: 'support',
  },
  {
    key: 'ev-cary-market-access',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'This argument blatantly ignores the clear differences in market access between foreign tech companies in the PRC and Chinese ' +
      'firms’ access to foreign markets.',
    claimKey: 'market-access',
    relation: 'support',
  },
  {
    key: 'ev-cary-solomon-hack',
    sourceFile: 'community-shared-future-cyberspace.txt',
    exact:
      'In May 2022, a Chinese hacking team breached the Solomon Islands’ government systems, likely to assess the future of their ' +
      'agreement in the face of the island nation’s denials.',
    claimKey: 'hacking',
    relation: 'support',
  },

  // The Diplomat, China and Internet Sovereignty Revisited (2015)
  {
    key: 'ev-dip-india-sweden',
    sourceFile: 'internet-sovereignty-revisited.txt',
    exact:
      'From India to Sweden, nations are demanding control over what happens electronically in their territory, even if it is to or ' +
      'from the computers of their citizens.',
    claimKey: 'not-unique',
    relation: 'support',
    note: 'Strategic Studies Quarterly (2011), as quoted in The Diplomat.',
  },
  {
    key: 'ev-dip-gge-sovereignty',
    sourceFile: 'internet-sovereignty-revisited.txt',
    exact:
      'The Group also concluded that State sovereignty and the international norms and principles that flow from it apply to States’ ' +
      'conduct of ICT-related activities and to their jurisdiction over ICT infrastructure with their territory',
    claimKey: 'intl-law',
    relation: 'support',
    note: 'UN Group of Governmental Experts report (2013); China signed off on its conclusions.',
  },
  {
    key: 'ev-dip-state-responsible',
    sourceFile: 'internet-sovereignty-revisited.txt',
    exact: 'China is technically responsible for preventing the use of its territory for aggression or sabotage against other states.',
    claimKey: 'responsibility',
    relation: 'support',
  },
  {
    key: 'ev-dip-tantamount-censorship',
    sourceFile: 'internet-sovereignty-revisited.txt',
    exact:
      'It is hard to find common ground with the United States and its allies, since to Western countries Chinese ideas on Internet ' +
      'sovereignty are tantamount to Internet censorship, the restriction of free speech, and the online prosecution of political ' +
      'dissidents.',
    claimKey: 'censorship',
    relation: 'support',
  },
  {
    key: 'ev-dip-icann',
    sourceFile: 'internet-sovereignty-revisited.txt',
    exact:
      'Partially to accommodate Chinese fears about the United States’ control over Internet structure, Washington announced back in ' +
      'March 2014 that it will\u00a0give up\u00a0oversight of web domain managers at\u00a0ICANN',
    claimKey: 'icann',
    relation: 'support',
    note: 'The source text has non-breaking spaces around "give up" and before "ICANN".',
  },
  {
    key: 'ev-dip-not-an-inch',
    sourceFile: 'internet-sovereignty-revisited.txt',
    exact: 'Yet, unsurprisingly, China so far has not been prepared to yield an inch in turn on its stance on Internet sovereignty.',
    claimKey: 'icann',
    relation: 'oppose',
  },
  {
    key: 'ev-dip-discredit-msh',
    sourceFile: 'internet-sovereignty-revisited.txt',
    exact:
      'The People’s Republic is especially keen to discredit the Western propagated multi-stakeholder approach to Internet ' +
      'governance, which it sees as intrinsically dangerous and undermining China’s national security interests.',
    claimKey: 'sidelines-society',
    relation: 'support',
  },
  {
    key: 'ev-dip-lu-wei-multilateral',
    sourceFile: 'internet-sovereignty-revisited.txt',
    exact: 'Without ‘multilateral,’ there would be no ‘multi-stakeholders.’',
    claimKey: 'sidelines-society',
    relation: 'oppose',
    note: 'Lu Wei, head of the State Internet Information Office, in the Huffington Post.',
  },
  {
    key: 'ev-dip-deniability',
    sourceFile: 'internet-sovereignty-revisited.txt',
    exact:
      'Beijing currently often hides behind a veil of plausible deniability by accusing (patriotic) domestic hackers of having gone ' +
      'rogue (which in fact is true in many instances).',
    claimKey: 'hacking',
    relation: 'support',
  },

  // The Intercept on Xi's Seattle visit (2015), article plus reader comments
  {
    key: 'ev-int-real-names',
    sourceFile: 'xi-seattle-tech-firms.txt',
    exact:
      'That might require such things as forcing users to register with their real names, storing Chinese citizens’ data locally ' +
      'where the government can access it, and building government “back doors” into encrypted communication products for better ' +
      'surveillance.',
    claimKey: 'backdoors',
    relation: 'support',
  },
  {
    key: 'ev-int-hole-weakens',
    sourceFile: 'xi-seattle-tech-firms.txt',
    exact:
      'The technology community has responded by pointing out that any sort of hole for law enforcement weakens the entire system to ' +
      'attack from outside bad actors',
    claimKey: 'weakens-everyone',
    relation: 'support',
  },
  {
    key: 'ev-int-us-pressure',
    sourceFile: 'xi-seattle-tech-firms.txt',
    exact:
      'The meeting comes as U.S. law enforcement officials have been pressuring companies to give them a way to access encrypted ' +
      'communications.',
    claimKey: 'us-too',
    relation: 'support',
  },
  {
    key: 'ev-int-front-door',
    sourceFile: 'xi-seattle-tech-firms.txt',
    exact: 'China doesn’t want a back door – it wants a front door just like the NSA.',
    claimKey: 'us-too',
    relation: 'support',
    note: 'A reader comment below the article, not the article itself.',
  },

  // Adam Segal, China and Information vs. Cyber Security (CFR, 2011)
  {
    key: 'ev-seg-peaceful-means',
    sourceFile: 'information-vs-cyber-security.txt',
    exact:
      'In contrast, signers of the Code will “settle any dispute resulting from the application of this Code through peaceful means ' +
      'and refrain from the threat or use of force.”',
    claimKey: 'peace',
    relation: 'support',
  },
  {
    key: 'ev-seg-missile',
    sourceFile: 'information-vs-cyber-security.txt',
    exact:
      'Or as one Department of Defense official told the Wall Street Journal, “If you shut down our power grid, maybe we will put a ' +
      'missile down one of your smokestacks.”',
    claimKey: 'peace',
    relation: 'support',
    note: 'The US deterrence posture the Code is contrasted with.',
  },
  {
    key: 'ev-seg-states-center',
    sourceFile: 'information-vs-cyber-security.txt',
    exact: 'The document also places states at the center of international cooperation, giving them a dominant role in cyber governance.',
    claimKey: 'sidelines-society',
    relation: 'support',
  },
  {
    key: 'ev-seg-inclusive',
    sourceFile: 'information-vs-cyber-security.txt',
    exact:
      'By contrast, the United States has taken a more inclusive approach involving civil society and the private sector through less ' +
      'traditional groups such as the Internet Governance Forum.',
    claimKey: 'sidelines-society',
    relation: 'support',
  },
  {
    key: 'ev-seg-own-networks',
    sourceFile: 'information-vs-cyber-security.txt',
    exact:
      'The United States will also want to try and build on the call for states to take responsibility for bad behavior that ' +
      'originates from their own networks.',
    claimKey: 'responsibility',
    relation: 'support',
  },
  {
    key: 'ev-seg-information-security',
    sourceFile: 'information-vs-cyber-security.txt',
    exact:
      'Information security includes not only the protection of computer, communication, and other critical networks that is the ' +
      'primary focus of U.S. officials, but also the threats that the free flow of information can present to domestic stability in ' +
      'closed authoritarian states',
    claimKey: 'censorship',
    relation: 'support',
  },

  // China Seeks Digital Control, from U.N. to CPU (2015), a news round-up
  {
    key: 'ev-cdt-olive-branch',
    sourceFile: 'china-seeks-digital-control.txt',
    exact:
      'There are no changes that could be deemed an olive branch, such as an affirmation of the applicability of existing ' +
      'international law',
    claimKey: 'selective-law',
    relation: 'support',
    note: 'Alex Grigsby (CFR) on the 2015 International Code of Conduct.',
  },
  {
    key: 'ev-cdt-hellbent',
    sourceFile: 'china-seeks-digital-control.txt',
    exact:
      'The authorities are hellbent on establishing cybersovereignty in China. If you look at what has taken place since last summer ' +
      'it is quite astounding.',
    claimKey: 'censorship',
    relation: 'support',
    note: 'A VPN co-founder quoted by The New York Times after the 2015 VPN crackdown.',
  },
  {
    key: 'ev-cdt-bank-rules',
    sourceFile: 'china-seeks-digital-control.txt',
    exact:
      'The Chinese government has adopted new regulations requiring companies that sell computer equipment to Chinese banks to turn ' +
      'over secret source code, submit to invasive audits and build so-called back doors into hardware and software',
    claimKey: 'backdoors',
    relation: 'support',
  },
  {
    key: 'ev-cdt-undermine-security',
    sourceFile: 'china-seeks-digital-control.txt',
    exact: 'Requiring companies to do so could actually undermine security because these services would be more vulnerable to hacking.',
    claimKey: 'weakens-everyone',
    relation: 'support',
    note: 'Human Rights Watch on the draft anti-terror law.',
  },
  {
    key: 'ev-cdt-differ-in-degree',
    sourceFile: 'china-seeks-digital-control.txt',
    exact:
      'While the Obama administration will almost certainly complain that the new rules are protectionist in nature, the Chinese will ' +
      'be able to make a case that they differ only in degree from Washington’s own requirements.',
    claimKey: 'us-too',
    relation: 'support',
  },
  {
    key: 'ev-cdt-drain',
    sourceFile: 'china-seeks-digital-control.txt',
    exact:
      'Beyond the fact that China’s censorship is an unethical infringement on a free press and a free society, it’s a drain on ' +
      'China’s global economic competitiveness.',
    claimKey: 'economy',
    relation: 'support',
    note: 'Tom Lowenthal, Committee to Protect Journalists.',
  },
  {
    key: 'ev-cdt-scientific-data',
    sourceFile: 'china-seeks-digital-control.txt',
    exact:
      'The country’s businesses and professionals say it has become increasingly difficult for them to communicate with customers and ' +
      'suppliers abroad or to obtain scientific data and research from the rest of the world.',
    claimKey: 'economy',
    relation: 'support',
    note: 'New York Times editorial board.',
  },
  {
    key: 'ev-cdt-space-to-grow',
    sourceFile: 'china-seeks-digital-control.txt',
    exact:
      'Conventional wisdom in China tech circles holds that blocking of sites like YouTube, Twitter and Google has provided Chinese ' +
      'Internet giants with the space they needed to grow.',
    claimKey: 'nursery',
    relation: 'support',
  },
  {
    key: 'ev-cdt-protectionism',
    sourceFile: 'china-seeks-digital-control.txt',
    exact: 'Foreign businesses and governments are rightly saying these new policies amount to protectionism.',
    claimKey: 'protectionism',
    relation: 'support',
  },
  {
    key: 'ev-cdt-double-standard',
    sourceFile: 'china-seeks-digital-control.txt',
    exact:
      'On the one hand, Beijing tries to tell 1.3 billion citizens they can’t get on Facebook and Twitter inside China. On the other ' +
      'hand, Beijing allows and most likely encourages state media to occupy foreign social media platforms',
    claimKey: 'state-media',
    relation: 'support',
    note: 'George Chen, South China Morning Post.',
  },
];

export const DEMO_VOTERS: DemoVoter[] = [
  { key: 'mina', displayName: 'Mina (demo)' },
  { key: 'jonas', displayName: 'Jonas (demo)' },
  { key: 'priya', displayName: 'Priya (demo)' },
  { key: 'kwame', displayName: 'Kwame (demo)' },
  { key: 'lena', displayName: 'Lena (demo)' },
  { key: 'rafael', displayName: 'Rafael (demo)' },
];

type Rating = 0 | 1 | 2 | 3 | 4;
/** One rating per voter, in DEMO_VOTERS order; null means that voter did not rate the target. */
type RatingRow = readonly [Rating | null, Rating | null, Rating | null, Rating | null, Rating | null, Rating | null];

/**
 * Ratings (0 = weak … 4 = strong). Every claim and about half the evidence get 3–6 votes. The shape of the
 * debate: the censorship objection and the GDPR rebuttal are rated strong, the GDPR analogy and the thesis
 * itself middling, and Beijing's rebuttals ("order guarantees freedom", "it is only demand") weak.
 */
const RATINGS: ReadonlyArray<readonly [targetKey: string, ratings: RatingRow]> = [
  // claims
  ['thesis', [2, 1, 3, 1, 2, 1]],
  ['borders', [3, 3, 4, 2, 3, 3]],
  ['not-unique', [3, 2, 3, 2, null, 3]],
  ['gdpr', [2, 2, 3, 1, 2, null]],
  ['interference', [1, 2, 2, 1, null, 1]],
  ['gdpr-speech', [3, 4, 3, 3, 4, 3]],
  ['intl-law', [3, 3, 2, 3, null, 2]],
  ['selective-law', [3, 2, 3, null, 3, 2]],
  ['responsibility', [3, 2, null, 3, 2, 2]],
  ['equal-voice', [2, 1, 3, 1, 2, null]],
  ['icann', [2, 2, 3, null, 1, null]],
  ['sidelines-society', [3, 3, 2, 3, null, 3]],
  ['peace', [1, 2, 2, 1, null, 1]],
  ['hacking', [4, 3, 3, 4, 3, null]],
  ['censorship', [4, 4, 3, 4, 3, 4]],
  ['online-violence', [4, 3, 4, 3, null, 3]],
  ['un-speech-crimes', [3, 3, null, 4, 3, null]],
  ['order-freedom', [1, 0, 1, 2, 0, null]],
  ['exports-repression', [3, 3, 4, 2, 3, null]],
  ['repression-abroad', [3, 4, 3, 3, 4, 3]],
  ['intel-access', [2, 2, 3, null, 2, 1]],
  ['demand-driven', [1, 2, 1, 1, null, 2]],
  ['backdoors', [3, 3, 2, 4, null, 3]],
  ['weakens-everyone', [4, 3, 4, 4, 3, 3]],
  ['us-too', [2, 3, 2, 2, 3, null]],
  ['economy', [3, 2, 3, 2, 3, null]],
  ['nursery', [2, 3, 2, 2, null, 3]],
  ['protectionism', [3, 2, 3, null, 2, 2]],
  ['hypocrisy', [3, 3, 2, 4, 3, null]],
  ['state-media', [3, 3, 4, null, 3, 3]],
  ['market-access', [3, 2, 3, 3, null, 2]],
  // evidence
  ['ev-cary-state-regulates', [4, 3, 4, 3, null, 3]],
  ['ev-cary-gdpr', [3, 3, 2, null, 3, null]],
  ['ev-cary-convergence-stops', [2, 3, 2, 3, null, 2]],
  ['ev-cary-inextricable', [3, 4, 3, null, 4, 3]],
  ['ev-cary-online-violence', [4, 4, 3, 4, null, 3]],
  ['ev-cary-freedom-order', [1, 0, 2, 1, null, 0]],
  ['ev-cary-equal-footing', [2, 2, 3, 1, null, 2]],
  ['ev-cary-east-africa', [4, 3, 4, null, 3, 4]],
  ['ev-cary-uganda', [4, 4, 3, 3, 4, null]],
  ['ev-cary-demand-driven', [2, 2, null, 3, 1, 2]],
  ['ev-cary-visibility', [2, 3, 2, null, 2, null]],
  ['ev-cary-solomon-hack', [3, 4, 3, 3, null, 3]],
  ['ev-dip-india-sweden', [3, 2, 3, null, 2, 3]],
  ['ev-dip-gge-sovereignty', [4, 3, 4, 3, null, 4]],
  ['ev-dip-tantamount-censorship', [2, 3, 2, null, 3, 2]],
  ['ev-dip-icann', [2, 1, 3, null, 2, null]],
  ['ev-dip-lu-wei-multilateral', [1, 1, 2, 0, null, 1]],
  ['ev-dip-deniability', [3, 2, 3, 3, null, null]],
  ['ev-int-real-names', [3, 3, 4, null, 3, 3]],
  ['ev-int-hole-weakens', [4, 3, 3, 4, null, 3]],
  ['ev-int-front-door', [1, 0, 1, null, 1, 2]],
  ['ev-seg-peaceful-means', [2, 1, 2, 1, null, 2]],
  ['ev-seg-states-center', [3, 3, null, 3, 2, 3]],
  ['ev-cdt-bank-rules', [4, 4, 3, 3, null, 4]],
  ['ev-cdt-differ-in-degree', [3, 2, 3, null, 3, 2]],
  ['ev-cdt-space-to-grow', [2, 3, 2, 3, null, 2]],
  ['ev-cdt-protectionism', [2, 2, 3, null, 1, 2]],
  ['ev-cdt-double-standard', [4, 3, 3, 4, null, 3]],
];

export const DEMO_VOTES: DemoVote[] = RATINGS.flatMap(([targetKey, ratings]) =>
  DEMO_VOTERS.flatMap((voter, i) => {
    const value = ratings[i];
    return value === null || value === undefined ? [] : [{ voterKey: voter.key, targetKey, value }];
  }),
);
