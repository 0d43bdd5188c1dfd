"""The lmskg vocabulary as Python names.

generated from ontology/lmskg.ttl by scripts/generate_vocab.py — do not edit
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from lmskg.settings import DEFAULT_BASE


class LMSKG(DefinedNamespace):
    """Classes, properties and named individuals of https://w3id.org/lmskg/ontology."""

    _NS = Namespace("https://w3id.org/lmskg/term/")
    _fail = True

    Abdomen: URIRef  # abdomen
    AbdominalDistension: URIRef  # abdominal distension
    AbdominalPain: URIRef  # abdominal pain
    AbstractSection: URIRef  # abstract
    AdjuvantChemotherapy: URIRef  # adjuvant chemotherapy
    AdjuvantRadiotherapy: URIRef  # adjuvant radiotherapy
    AffiliationZone: URIRef  # affiliation zone
    AllogeneicHematopoieticStemCellTransplantation: URIRef  # allogeneic hematopoietic stem cell transplantation
    AmbulationRegained: URIRef  # regained ambulation
    AnatomicalEntity: URIRef  # anatomical entity
    Anemia: URIRef  # anemia
    Angiography: URIRef  # angiography
    AnnualDiagnoses: URIRef  # number diagnosed per year
    AnteriorApproach: URIRef  # anterior surgical approach
    Ataxia: URIRef  # ataxia
    AuthorListZone: URIRef  # author list zone
    Authorship: URIRef  # authorship
    BackMatterZone: URIRef  # back matter
    BackPain: URIRef  # back pain
    BackgroundSection: URIRef  # background
    BenignMetastasizingLeiomyoma: URIRef  # benign metastasizing leiomyoma
    BilateralSalpingoOophorectomy: URIRef  # bilateral salpingo-oophorectomy
    BiologicalSex: URIRef  # biological sex
    Biopsy: URIRef  # biopsy
    BladderFunctionRecovery: URIRef  # recovery of bladder function
    BloodVessel: URIRef  # blood vessel
    BlurredVision: URIRef  # blurred vision
    BodyZone: URIRef  # body text
    Bone: URIRef  # bone
    BoneMetastasis: URIRef  # bone metastasis
    BoneSarcoma: URIRef  # bone sarcoma
    BoneScintigraphy: URIRef  # bone scintigraphy
    Brain: URIRef  # brain
    BrainMetastasis: URIRef  # brain metastasis
    CTGuidedBiopsy: URIRef  # CT-guided biopsy
    CageReconstruction: URIRef  # vertebral body cage reconstruction
    CancerSpecificSurvival: URIRef  # cancer-specific survival
    CasePresentationSection: URIRef  # case presentation
    CaseReportKind: URIRef  # case report
    CaseSeriesKind: URIRef  # case series
    CaseSeriesPopulation: URIRef  # case series
    CentralNervousSystemLeiomyosarcoma: URIRef  # central nervous system leiomyosarcoma
    Cerebellum: URIRef  # cerebellum
    CervicalCancer: URIRef  # cervical cancer
    CervicalCarcinoma: URIRef  # cervical carcinoma
    CervicalSpinalCord: URIRef  # cervical spinal cord
    CervicalSpine: URIRef  # cervical spine
    CervicalVertebra: URIRef  # cervical vertebra
    CervicalVertebra1: URIRef  # cervical vertebra 1
    CervicalVertebra2: URIRef  # cervical vertebra 2
    CervicalVertebra3: URIRef  # cervical vertebra 3
    CervicalVertebra4: URIRef  # cervical vertebra 4
    CervicalVertebra5: URIRef  # cervical vertebra 5
    CervicalVertebra6: URIRef  # cervical vertebra 6
    CervicalVertebra7: URIRef  # cervical vertebra 7
    CervicothoracicJunction: URIRef  # cervicothoracic junction
    Chemotherapy: URIRef  # chemotherapy
    ChemotherapyAgent: URIRef  # chemotherapy agent
    CircumferentialApproach: URIRef  # 360 degree approach
    CitationZone: URIRef  # citation zone
    ClinicalArticleKind: URIRef  # clinical article
    ClinicalFinding: URIRef  # clinical finding
    Coccyx: URIRef  # coccyx
    CohortStatistic: URIRef  # cohort statistic
    Colectomy: URIRef  # colectomy
    Colon: URIRef  # colon
    ColonicLeiomyosarcoma: URIRef  # colonic leiomyosarcoma
    CompleteResponse: URIRef  # complete response
    ComputedTomography: URIRef  # computed tomography
    ConclusionSection: URIRef  # conclusion
    ConfirmatoryTest: URIRef  # test that confirms the diagnosis
    ConfluenceOfSinuses: URIRef  # confluence of sinuses
    ConusMedullarisCompression: URIRef  # conus medullaris compression
    ConventionalRadiotherapy: URIRef  # conventional radiotherapy
    Corpectomy: URIRef  # corpectomy
    CranialCavity: URIRef  # cranial cavity
    Craniotomy: URIRef  # craniotomy
    Cyclophosphamide: URIRef  # cyclophosphamide
    Dacarbazine: URIRef  # dacarbazine
    Dactinomycin: URIRef  # dactinomycin
    Day: URIRef  # day
    Death: URIRef  # death
    DecompressiveLaminectomy: URIRef  # decompressive laminectomy
    DecreasedConsciousness: URIRef  # decreased consciousness
    DeepVenousThrombosis: URIRef  # deep venous thrombosis
    Diplopia: URIRef  # diplopia
    DiscussionSection: URIRef  # discussion
    DiseaseFreeSurvival: URIRef  # disease-free survival
    DiseaseProgression: URIRef  # disease progression
    DiseaseRemission: URIRef  # disease remission
    DisseminatedDisease: URIRef  # disseminated disease
    DistantMetastasisFreeSurvival: URIRef  # distant metastasis-free survival
    Docetaxel: URIRef  # docetaxel
    DocumentZone: URIRef  # document zone
    Doxorubicin: URIRef  # doxorubicin
    DuralVenousSinus: URIRef  # dural venous sinus
    Embolization: URIRef  # embolization
    EnBlocResection: URIRef  # en bloc resection
    EndometrialCancer: URIRef  # endometrial cancer
    EndometrialCarcinoma: URIRef  # endometrial carcinoma
    Endometrium: URIRef  # endometrium
    EpiduralSpace: URIRef  # spinal epidural space
    Eribulin: URIRef  # eribulin
    Evidence: URIRef  # evidence
    ExternalBeamRadiotherapy: URIRef  # external beam radiotherapy
    ExtremityLeiomyosarcoma: URIRef  # extremity leiomyosarcoma
    FallopianTube: URIRef  # fallopian tube
    FanconiAnemia: URIRef  # Fanconi anemia
    Female: URIRef  # female
    FemaleReproductiveSystemNeoplasm: URIRef  # female reproductive system neoplasm
    FindingRecord: URIRef  # finding record
    FrankelGradeImprovement: URIRef  # improvement in Frankel grade
    FrontalBone: URIRef  # frontal bone
    FrontalLobe: URIRef  # frontal lobe
    FurnitureZone: URIRef  # page furniture
    GaitDisturbance: URIRef  # gait disturbance
    GammaKnifeRadiosurgery: URIRef  # Gamma Knife radiosurgery
    Gastrectomy: URIRef  # gastrectomy
    GastricCancer: URIRef  # gastric cancer
    GastrointestinalTract: URIRef  # gastrointestinal tract
    Gemcitabine: URIRef  # gemcitabine
    GoodOutcome: URIRef  # good clinical outcome
    GrossTotalResection: URIRef  # gross total resection
    GynecologicalCancer: URIRef  # gynecological cancer
    HazardRatio: URIRef  # hazard ratio
    HeadAndNeck: URIRef  # head and neck
    Headache: URIRef  # headache
    Heart: URIRef  # heart
    HematopoieticStemCellTransplantation: URIRef  # hematopoietic stem cell transplantation
    Hemiparesis: URIRef  # hemiparesis
    Hemorrhage: URIRef  # hemorrhage
    HemorrhageRate: URIRef  # cases with hemorrhage
    Hepatectomy: URIRef  # hepatectomy
    HistoryRecord: URIRef  # history record
    Hour: URIRef  # hour
    Hydrocephalus: URIRef  # hydrocephalus
    Hypoesthesia: URIRef  # hypoesthesia
    Hysterectomy: URIRef  # hysterectomy
    Ifosfamide: URIRef  # ifosfamide
    ImagingTest: URIRef  # imaging scan used
    ImmuneCheckpointInhibitor: URIRef  # immune checkpoint inhibitor
    Immunotherapy: URIRef  # immunotherapy
    Incidence: URIRef  # incidence
    IndexTermsZone: URIRef  # index terms
    InferiorVenaCava: URIRef  # inferior vena cava
    InferiorVenaCavaLeiomyosarcoma: URIRef  # inferior vena cava leiomyosarcoma
    InstitutionalCohortPopulation: URIRef  # institutional cohort
    InstrumentedFixation: URIRef  # instrumented spinal fixation
    InstrumentedFusion: URIRef  # instrumented fusion
    IntensityModulatedRadiotherapy: URIRef  # intensity-modulated radiotherapy
    Intestine: URIRef  # intestine
    IntracerebralHemorrhage: URIRef  # intracerebral hemorrhage
    IntratumoralHemorrhage: URIRef  # intratumoral hemorrhage
    JournalArticleKind: URIRef  # journal article
    KeywordsZone: URIRef  # keywords
    Kidney: URIRef  # kidney
    Kyphoplasty: URIRef  # kyphoplasty
    Laminectomy: URIRef  # laminectomy
    Laminoplasty: URIRef  # laminoplasty
    Leiomyoma: URIRef  # leiomyoma
    Leiomyosarcoma: URIRef  # leiomyosarcoma
    Lesion: URIRef  # lesion record
    LesionRole: URIRef  # lesion role
    Limb: URIRef  # limb
    LiteratureCasesPopulation: URIRef  # literature cases
    Liver: URIRef  # liver
    LocalRecurrenceFreeSurvival: URIRef  # local recurrence-free survival
    LocalTumorControl: URIRef  # local tumor control
    LowerLimbWeakness: URIRef  # lower limb weakness
    LumbarSpinalCord: URIRef  # lumbar spinal cord
    LumbarSpine: URIRef  # lumbar spine
    LumbarVertebra: URIRef  # lumbar vertebra
    LumbarVertebra1: URIRef  # lumbar vertebra 1
    LumbarVertebra2: URIRef  # lumbar vertebra 2
    LumbarVertebra3: URIRef  # lumbar vertebra 3
    LumbarVertebra4: URIRef  # lumbar vertebra 4
    LumbarVertebra5: URIRef  # lumbar vertebra 5
    Lung: URIRef  # lung
    LymphNode: URIRef  # lymph node
    MagneticResonanceImaging: URIRef  # magnetic resonance imaging
    Male: URIRef  # male
    MalignantNeoplasm: URIRef  # malignant neoplasm
    MeanAge: URIRef  # mean age
    MeanFollowUp: URIRef  # mean follow-up
    MedianAge: URIRef  # median age
    MedianFollowUp: URIRef  # median follow-up
    MedicalCondition: URIRef  # medical condition
    MedicalImaging: URIRef  # medical imaging
    Melanoma: URIRef  # melanoma
    Menorrhagia: URIRef  # menorrhagia
    MetadataZone: URIRef  # metadata zone
    MetastasisRole: URIRef  # metastasis
    MetastaticDiseaseAtPresentation: URIRef  # metastatic disease at presentation
    MetastaticLeiomyosarcoma: URIRef  # metastatic leiomyosarcoma
    MetastaticMalignantNeoplasm: URIRef  # metastatic malignant neoplasm
    MetastaticSite: URIRef  # most common metastatic site
    MethodsSection: URIRef  # methods
    Month: URIRef  # month
    MostCommonPresentingSymptom: URIRef  # most common presenting symptom
    MultimodalityTherapy: URIRef  # multimodality therapy
    Myelopathy: URIRef  # myelopathy
    Myomectomy: URIRef  # myomectomy
    NeckPain: URIRef  # neck pain
    NeedleBiopsy: URIRef  # needle biopsy
    NeoadjuvantChemotherapy: URIRef  # neoadjuvant chemotherapy
    Neoplasm: URIRef  # neoplasm
    NeurologicalDeficit: URIRef  # neurological deficit
    NeurologicalImprovement: URIRef  # neurological improvement
    NoEvidenceOfDisease: URIRef  # no evidence of disease
    NoNeurologicalRecovery: URIRef  # no neurological recovery
    NonUterineLeiomyosarcoma: URIRef  # non-uterine leiomyosarcoma
    NumberOfCases: URIRef  # number of cases
    NumberOfLesions: URIRef  # number of lesions
    NumberOfMen: URIRef  # number of men
    NumberOfOperations: URIRef  # number of operations
    NumberOfPatients: URIRef  # number of patients
    NumberOfPublications: URIRef  # number of publications
    NumberOfWomen: URIRef  # number of women
    NurickGradeImprovement: URIRef  # improvement in Nurick grade
    OccipitalLobe: URIRef  # occipital lobe
    OddsRatio: URIRef  # odds ratio
    OncologicalTherapy: URIRef  # oncological treatment
    Orchiectomy: URIRef  # orchiectomy
    OsteolyticLesion: URIRef  # osteolytic lesion
    OutcomeMeasure: URIRef  # outcome measure
    OutcomeRecord: URIRef  # outcome record
    Ovary: URIRef  # ovary
    OverallSurvival: URIRef  # overall survival
    Pain: URIRef  # pain
    PainRelief: URIRef  # pain relief
    PalliativeCare: URIRef  # palliative care
    PalliativeChemotherapy: URIRef  # palliative chemotherapy
    PalpableMass: URIRef  # palpable mass
    Paraparesis: URIRef  # paraparesis
    Paraplegia: URIRef  # paraplegia
    ParietalLobe: URIRef  # parietal lobe
    PartialResponse: URIRef  # partial response
    PartialSpondylectomy: URIRef  # partial spondylectomy
    PathologicFracture: URIRef  # pathologic fracture
    Patient: URIRef  # patient
    PatientCase: URIRef  # patient case
    Pazopanib: URIRef  # pazopanib
    PedicleScrewFixation: URIRef  # pedicle screw fixation
    Pelvis: URIRef  # pelvis
    Pembrolizumab: URIRef  # pembrolizumab
    PerHundredThousandPeoplePerYear: URIRef  # per 100,000 people per year
    PerMillionPeoplePerYear: URIRef  # per 1 million people per year
    Percent: URIRef  # percent
    PerilesionalEdema: URIRef  # perilesional edema
    PhysicalTherapy: URIRef  # physical therapy
    PositronEmissionTomography: URIRef  # positron emission tomography
    PosteriorApproach: URIRef  # posterior surgical approach
    PosteriorCranialFossa: URIRef  # posterior cranial fossa
    PosteriorVertebralElements: URIRef  # posterior elements of vertebra
    PresentingSymptom: URIRef  # presenting symptom
    PrimaryOsseousLeiomyosarcoma: URIRef  # primary osseous leiomyosarcoma
    PrimaryRole: URIRef  # primary
    PrimarySpinalLeiomyosarcoma: URIRef  # primary spinal leiomyosarcoma
    Procedure: URIRef  # medical procedure
    ProfileMeasure: URIRef  # profile measure
    PrognosticFactor: URIRef  # prognostic factor
    PrognosticFactorForSurvival: URIRef  # prognostic factor for overall survival
    ProgressionFreeSurvival: URIRef  # progression-free survival
    ProportionOfWomen: URIRef  # proportion of women
    PublicationKind: URIRef  # publication kind
    RadiationTherapy: URIRef  # radiotherapy
    RadicalResection: URIRef  # radical resection
    RadicularPain: URIRef  # radicular pain
    RecurrenceRole: URIRef  # recurrence
    RecurrentMalignantNeoplasm: URIRef  # recurrent malignant neoplasm
    ReferenceListZone: URIRef  # references
    RenalCellCarcinoma: URIRef  # renal cell carcinoma
    RepeatSurgery: URIRef  # repeat surgery
    ResultsSection: URIRef  # results
    Retinoblastoma: URIRef  # retinoblastoma
    RetroperitonealLeiomyosarcoma: URIRef  # retroperitoneal leiomyosarcoma
    Retroperitoneum: URIRef  # retroperitoneum
    ReviewKind: URIRef  # review
    RevisionSurgery: URIRef  # revision surgery
    RightVentricle: URIRef  # right ventricle
    S1: URIRef  # S-1
    SacralSpinalCord: URIRef  # sacral spinal cord
    SacralVertebra: URIRef  # sacral vertebra
    SacralVertebra1: URIRef  # sacral vertebra 1
    SacralVertebra2: URIRef  # sacral vertebra 2
    SacralVertebra3: URIRef  # sacral vertebra 3
    SacralVertebra4: URIRef  # sacral vertebra 4
    SacralVertebra5: URIRef  # sacral vertebra 5
    Sacrum: URIRef  # sacrum
    SaddleAnesthesia: URIRef  # saddle anesthesia
    Sarcoma: URIRef  # sarcoma
    Seizure: URIRef  # seizure
    SensoryLevel: URIRef  # sensory level
    SeriesAndLiteraturePopulation: URIRef  # case series plus literature cases
    ShareByLocation: URIRef  # location
    ShareOfSoftTissueSarcomas: URIRef  # proportion of soft tissue sarcomas
    SigmoidColon: URIRef  # sigmoid colon
    SiteOfOccurrence: URIRef  # most common site of occurrence
    Skin: URIRef  # skin
    Skull: URIRef  # skull
    SoftTissue: URIRef  # soft tissue
    SoftTissueLeiomyosarcoma: URIRef  # soft tissue leiomyosarcoma
    SoftTissueSarcoma: URIRef  # soft tissue sarcoma
    SourceDocument: URIRef  # source document
    SpermaticCord: URIRef  # spermatic cord
    SpinalCord: URIRef  # spinal cord
    SpinalCordCompression: URIRef  # spinal cord compression
    SpinalCordDecompressionAchieved: URIRef  # adequate spinal cord decompression
    SpinalCordMetastasis: URIRef  # spinal cord metastasis
    SpinalDecompression: URIRef  # spinal decompression
    SpinalFusion: URIRef  # spinal fusion
    SpinalMetastasis: URIRef  # spinal metastasis
    SpinalMotionSegment: URIRef  # spinal motion segment
    SpinalStabilization: URIRef  # spinal stabilization
    Spondylectomy: URIRef  # spondylectomy
    StereotacticBodyRadiotherapy: URIRef  # stereotactic body radiotherapy
    StereotacticRadiosurgery: URIRef  # stereotactic radiosurgery
    StereotacticRadiotherapy: URIRef  # stereotactic radiotherapy
    Stomach: URIRef  # stomach
    StudyPopulation: URIRef  # study population
    SubtotalResection: URIRef  # subtotal resection
    SuperiorSagittalSinus: URIRef  # superior sagittal sinus
    SurgicalApproach: URIRef  # surgical approach
    SurgicalProcedure: URIRef  # surgical procedure
    SurgicalResection: URIRef  # surgical resection
    Survival: URIRef  # survival time
    Symptom: URIRef  # symptom
    SymptomResolution: URIRef  # symptom resolution
    TargetedTherapy: URIRef  # targeted therapy
    TargetedTherapyAgent: URIRef  # targeted therapy agent
    Temozolomide: URIRef  # temozolomide
    TemporalLobe: URIRef  # temporal lobe
    Thigh: URIRef  # thigh
    ThoracicBackPain: URIRef  # thoracic back pain
    ThoracicSpinalCord: URIRef  # thoracic spinal cord
    ThoracicSpine: URIRef  # thoracic spine
    ThoracicVertebra: URIRef  # thoracic vertebra
    ThoracicVertebra1: URIRef  # thoracic vertebra 1
    ThoracicVertebra10: URIRef  # thoracic vertebra 10
    ThoracicVertebra11: URIRef  # thoracic vertebra 11
    ThoracicVertebra12: URIRef  # thoracic vertebra 12
    ThoracicVertebra2: URIRef  # thoracic vertebra 2
    ThoracicVertebra3: URIRef  # thoracic vertebra 3
    ThoracicVertebra4: URIRef  # thoracic vertebra 4
    ThoracicVertebra5: URIRef  # thoracic vertebra 5
    ThoracicVertebra6: URIRef  # thoracic vertebra 6
    ThoracicVertebra7: URIRef  # thoracic vertebra 7
    ThoracicVertebra8: URIRef  # thoracic vertebra 8
    ThoracicVertebra9: URIRef  # thoracic vertebra 9
    ThoracolumbarJunction: URIRef  # thoracolumbar junction
    TimeToMetastasis: URIRef  # time to metastasis
    TimeToRepeatSurgery: URIRef  # time to repeat surgery
    TitleZone: URIRef  # title zone
    TotalEnBlocSpondylectomy: URIRef  # total en bloc spondylectomy
    Trabectedin: URIRef  # trabectedin
    TransverseSinus: URIRef  # transverse sinus
    TreatmentStep: URIRef  # treatment step
    TumorFreeSurvival: URIRef  # tumor-free survival
    TumorRecurrence: URIRef  # tumor recurrence
    TumorResection: URIRef  # tumor resection
    TwoStageCircumferentialApproach: URIRef  # two-stage 360 degree approach
    UnitOfMeasure: URIRef  # unit of measure
    UpperArm: URIRef  # upper arm
    UpperThoracicSpine: URIRef  # upper thoracic spine
    UrinaryBladder: URIRef  # urinary bladder
    UrinaryRetention: URIRef  # urinary retention
    UsualAgeRange: URIRef  # usual age range
    UterineCervix: URIRef  # uterine cervix
    UterineCorpusSarcoma: URIRef  # uterine corpus sarcoma
    UterineLeiomyoma: URIRef  # uterine leiomyoma
    UterineLeiomyosarcoma: URIRef  # uterine leiomyosarcoma
    Uterus: URIRef  # uterus
    VascularLeiomyosarcoma: URIRef  # vascular leiomyosarcoma
    Vertebra: URIRef  # vertebra
    VertebralAugmentation: URIRef  # vertebral augmentation
    VertebralBody: URIRef  # vertebral body
    VertebralCollapse: URIRef  # vertebral collapse
    VertebralColumn: URIRef  # vertebral column
    VertebralLamina: URIRef  # lamina of vertebra
    VertebralPedicle: URIRef  # pedicle of vertebra
    Vertebroplasty: URIRef  # vertebroplasty
    Vincristine: URIRef  # vincristine
    VisualDisturbance: URIRef  # visual disturbance
    Vomiting: URIRef  # vomiting
    Weakness: URIRef  # muscle weakness
    Week: URIRef  # week
    WeightLoss: URIRef  # weight loss
    WholeBrainRadiotherapy: URIRef  # whole-brain radiotherapy
    Year: URIRef  # year
    abbreviation: URIRef  # abbreviation
    age: URIRef  # age
    ageUnit: URIRef  # age unit
    agent: URIRef  # agent
    author: URIRef  # author
    authorListTruncated: URIRef  # author list truncated
    authorPosition: URIRef  # author position
    category: URIRef  # category
    describedIn: URIRef  # described in
    documentKind: URIRef  # document kind
    durationUnit: URIRef  # duration unit
    durationValue: URIRef  # duration value
    endDate: URIRef  # end date
    event: URIRef  # event
    fileName: URIRef  # file name
    finding: URIRef  # finding
    givenAs: URIRef  # given as
    group: URIRef  # group
    hasAuthorship: URIRef  # has authorship
    hasCondition: URIRef  # has condition
    hasFinding: URIRef  # has finding
    hasHistory: URIRef  # has history
    hasLesion: URIRef  # has lesion
    hasOutcome: URIRef  # has outcome
    hasPatient: URIRef  # has patient
    hasTreatment: URIRef  # has treatment
    histology: URIRef  # histology
    impliesSex: URIRef  # implies sex
    initials: URIRef  # initials
    lesionRole: URIRef  # lesion role
    locatedIn: URIRef  # located in
    lower: URIRef  # lower bound
    measure: URIRef  # measure
    nextVertebra: URIRef  # next vertebra
    ordinal: URIRef  # ordinal
    outcome: URIRef  # outcome
    pValue: URIRef  # p-value
    pValueComparator: URIRef  # p-value comparator
    parentPopulation: URIRef  # parent population
    partOf: URIRef  # anatomical part of
    population: URIRef  # population
    previousVertebra: URIRef  # previous vertebra
    primaryHistology: URIRef  # primary histology
    primarySite: URIRef  # primary site
    procedure: URIRef  # procedure
    publicationKind: URIRef  # publication kind
    readFrom: URIRef  # read from
    reportedIn: URIRef  # reported in
    sentence: URIRef  # sentence
    sentenceEnd: URIRef  # sentence end
    sentenceStart: URIRef  # sentence start
    sex: URIRef  # sex
    site: URIRef  # site
    startDate: URIRef  # start date
    stepNumber: URIRef  # step number
    text: URIRef  # text
    timePoint: URIRef  # time point
    timePointUnit: URIRef  # time point unit
    unit: URIRef  # unit
    upper: URIRef  # upper bound
    value: URIRef  # value
    valueConcept: URIRef  # value concept
    valueText: URIRef  # value text
    valuesFrom: URIRef  # values from
    yearsBefore: URIRef  # years before
    zone: URIRef  # zone


#: Instance data (docs/data-model.md): ``LMSKGD["case/<doc>-<n>"]``.
LMSKGD = Namespace(DEFAULT_BASE + "data/")
