// The fact types of the Scaling benchmarks: 5, 50 and 250 fields, field j a decimal when j % 3 == 0, an integer when
// j % 3 == 1, a boolean when j % 3 == 2 (ScalingPolicies.FieldType). Written out (not reflected or emitted) because the
// engine's typed kernels read a POCO's own properties, as a host's types are read; the pattern is all there is to them.
// Setup fills them through ScalingFact.Set (reflection: setup is not timed).
namespace Tiering.Rules.Benchmarks;


/// <summary>A fact of 5 fields.</summary>
public sealed class Fact5
{
    public decimal F0 { get; set; }

    public int F1 { get; set; }

    public bool F2 { get; set; }

    public decimal F3 { get; set; }

    public int F4 { get; set; }
}

/// <summary>A fact of 50 fields.</summary>
public sealed class Fact50
{
    public decimal F0 { get; set; }

    public int F1 { get; set; }

    public bool F2 { get; set; }

    public decimal F3 { get; set; }

    public int F4 { get; set; }

    public bool F5 { get; set; }

    public decimal F6 { get; set; }

    public int F7 { get; set; }

    public bool F8 { get; set; }

    public decimal F9 { get; set; }

    public int F10 { get; set; }

    public bool F11 { get; set; }

    public decimal F12 { get; set; }

    public int F13 { get; set; }

    public bool F14 { get; set; }

    public decimal F15 { get; set; }

    public int F16 { get; set; }

    public bool F17 { get; set; }

    public decimal F18 { get; set; }

    public int F19 { get; set; }

    public bool F20 { get; set; }

    public decimal F21 { get; set; }

    public int F22 { get; set; }

    public bool F23 { get; set; }

    public decimal F24 { get; set; }

    public int F25 { get; set; }

    public bool F26 { get; set; }

    public decimal F27 { get; set; }

    public int F28 { get; set; }

    public bool F29 { get; set; }

    public decimal F30 { get; set; }

    public int F31 { get; set; }

    public bool F32 { get; set; }

    public decimal F33 { get; set; }

    public int F34 { get; set; }

    public bool F35 { get; set; }

    public decimal F36 { get; set; }

    public int F37 { get; set; }

    public bool F38 { get; set; }

    public decimal F39 { get; set; }

    public int F40 { get; set; }

    public bool F41 { get; set; }

    public decimal F42 { get; set; }

    public int F43 { get; set; }

    public bool F44 { get; set; }

    public decimal F45 { get; set; }

    public int F46 { get; set; }

    public bool F47 { get; set; }

    public decimal F48 { get; set; }

    public int F49 { get; set; }
}

/// <summary>A fact of 250 fields.</summary>
public sealed class Fact250
{
    public decimal F0 { get; set; }

    public int F1 { get; set; }

    public bool F2 { get; set; }

    public decimal F3 { get; set; }

    public int F4 { get; set; }

    public bool F5 { get; set; }

    public decimal F6 { get; set; }

    public int F7 { get; set; }

    public bool F8 { get; set; }

    public decimal F9 { get; set; }

    public int F10 { get; set; }

    public bool F11 { get; set; }

    public decimal F12 { get; set; }

    public int F13 { get; set; }

    public bool F14 { get; set; }

    public decimal F15 { get; set; }

    public int F16 { get; set; }

    public bool F17 { get; set; }

    public decimal F18 { get; set; }

    public int F19 { get; set; }

    public bool F20 { get; set; }

    public decimal F21 { get; set; }

    public int F22 { get; set; }

    public bool F23 { get; set; }

    public decimal F24 { get; set; }

    public int F25 { get; set; }

    public bool F26 { get; set; }

    public decimal F27 { get; set; }

    public int F28 { get; set; }

    public bool F29 { get; set; }

    public decimal F30 { get; set; }

    public int F31 { get; set; }

    public bool F32 { get; set; }

    public decimal F33 { get; set; }

    public int F34 { get; set; }

    public bool F35 { get; set; }

    public decimal F36 { get; set; }

    public int F37 { get; set; }

    public bool F38 { get; set; }

    public decimal F39 { get; set; }

    public int F40 { get; set; }

    public bool F41 { get; set; }

    public decimal F42 { get; set; }

    public int F43 { get; set; }

    public bool F44 { get; set; }

    public decimal F45 { get; set; }

    public int F46 { get; set; }

    public bool F47 { get; set; }

    public decimal F48 { get; set; }

    public int F49 { get; set; }

    public bool F50 { get; set; }

    public decimal F51 { get; set; }

    public int F52 { get; set; }

    public bool F53 { get; set; }

    public decimal F54 { get; set; }

    public int F55 { get; set; }

    public bool F56 { get; set; }

    public decimal F57 { get; set; }

    public int F58 { get; set; }

    public bool F59 { get; set; }

    public decimal F60 { get; set; }

    public int F61 { get; set; }

    public bool F62 { get; set; }

    public decimal F63 { get; set; }

    public int F64 { get; set; }

    public bool F65 { get; set; }

    public decimal F66 { get; set; }

    public int F67 { get; set; }

    public bool F68 { get; set; }

    public decimal F69 { get; set; }

    public int F70 { get; set; }

    public bool F71 { get; set; }

    public decimal F72 { get; set; }

    public int F73 { get; set; }

    public bool F74 { get; set; }

    public decimal F75 { get; set; }

    public int F76 { get; set; }

    public bool F77 { get; set; }

    public decimal F78 { get; set; }

    public int F79 { get; set; }

    public bool F80 { get; set; }

    public decimal F81 { get; set; }

    public int F82 { get; set; }

    public bool F83 { get; set; }

    public decimal F84 { get; set; }

    public int F85 { get; set; }

    public bool F86 { get; set; }

    public decimal F87 { get; set; }

    public int F88 { get; set; }

    public bool F89 { get; set; }

    public decimal F90 { get; set; }

    public int F91 { get; set; }

    public bool F92 { get; set; }

    public decimal F93 { get; set; }

    public int F94 { get; set; }

    public bool F95 { get; set; }

    public decimal F96 { get; set; }

    public int F97 { get; set; }

    public bool F98 { get; set; }

    public decimal F99 { get; set; }

    public int F100 { get; set; }

    public bool F101 { get; set; }

    public decimal F102 { get; set; }

    public int F103 { get; set; }

    public bool F104 { get; set; }

    public decimal F105 { get; set; }

    public int F106 { get; set; }

    public bool F107 { get; set; }

    public decimal F108 { get; set; }

    public int F109 { get; set; }

    public bool F110 { get; set; }

    public decimal F111 { get; set; }

    public int F112 { get; set; }

    public bool F113 { get; set; }

    public decimal F114 { get; set; }

    public int F115 { get; set; }

    public bool F116 { get; set; }

    public decimal F117 { get; set; }

    public int F118 { get; set; }

    public bool F119 { get; set; }

    public decimal F120 { get; set; }

    public int F121 { get; set; }

    public bool F122 { get; set; }

    public decimal F123 { get; set; }

    public int F124 { get; set; }

    public bool F125 { get; set; }

    public decimal F126 { get; set; }

    public int F127 { get; set; }

    public bool F128 { get; set; }

    public decimal F129 { get; set; }

    public int F130 { get; set; }

    public bool F131 { get; set; }

    public decimal F132 { get; set; }

    public int F133 { get; set; }

    public bool F134 { get; set; }

    public decimal F135 { get; set; }

    public int F136 { get; set; }

    public bool F137 { get; set; }

    public decimal F138 { get; set; }

    public int F139 { get; set; }

    public bool F140 { get; set; }

    public decimal F141 { get; set; }

    public int F142 { get; set; }

    public bool F143 { get; set; }

    public decimal F144 { get; set; }

    public int F145 { get; set; }

    public bool F146 { get; set; }

    public decimal F147 { get; set; }

    public int F148 { get; set; }

    public bool F149 { get; set; }

    public decimal F150 { get; set; }

    public int F151 { get; set; }

    public bool F152 { get; set; }

    public decimal F153 { get; set; }

    public int F154 { get; set; }

    public bool F155 { get; set; }

    public decimal F156 { get; set; }

    public int F157 { get; set; }

    public bool F158 { get; set; }

    public decimal F159 { get; set; }

    public int F160 { get; set; }

    public bool F161 { get; set; }

    public decimal F162 { get; set; }

    public int F163 { get; set; }

    public bool F164 { get; set; }

    public decimal F165 { get; set; }

    public int F166 { get; set; }

    public bool F167 { get; set; }

    public decimal F168 { get; set; }

    public int F169 { get; set; }

    public bool F170 { get; set; }

    public decimal F171 { get; set; }

    public int F172 { get; set; }

    public bool F173 { get; set; }

    public decimal F174 { get; set; }

    public int F175 { get; set; }

    public bool F176 { get; set; }

    public decimal F177 { get; set; }

    public int F178 { get; set; }

    public bool F179 { get; set; }

    public decimal F180 { get; set; }

    public int F181 { get; set; }

    public bool F182 { get; set; }

    public decimal F183 { get; set; }

    public int F184 { get; set; }

    public bool F185 { get; set; }

    public decimal F186 { get; set; }

    public int F187 { get; set; }

    public bool F188 { get; set; }

    public decimal F189 { get; set; }

    public int F190 { get; set; }

    public bool F191 { get; set; }

    public decimal F192 { get; set; }

    public int F193 { get; set; }

    public bool F194 { get; set; }

    public decimal F195 { get; set; }

    public int F196 { get; set; }

    public bool F197 { get; set; }

    public decimal F198 { get; set; }

    public int F199 { get; set; }

    public bool F200 { get; set; }

    public decimal F201 { get; set; }

    public int F202 { get; set; }

    public bool F203 { get; set; }

    public decimal F204 { get; set; }

    public int F205 { get; set; }

    public bool F206 { get; set; }

    public decimal F207 { get; set; }

    public int F208 { get; set; }

    public bool F209 { get; set; }

    public decimal F210 { get; set; }

    public int F211 { get; set; }

    public bool F212 { get; set; }

    public decimal F213 { get; set; }

    public int F214 { get; set; }

    public bool F215 { get; set; }

    public decimal F216 { get; set; }

    public int F217 { get; set; }

    public bool F218 { get; set; }

    public decimal F219 { get; set; }

    public int F220 { get; set; }

    public bool F221 { get; set; }

    public decimal F222 { get; set; }

    public int F223 { get; set; }

    public bool F224 { get; set; }

    public decimal F225 { get; set; }

    public int F226 { get; set; }

    public bool F227 { get; set; }

    public decimal F228 { get; set; }

    public int F229 { get; set; }

    public bool F230 { get; set; }

    public decimal F231 { get; set; }

    public int F232 { get; set; }

    public bool F233 { get; set; }

    public decimal F234 { get; set; }

    public int F235 { get; set; }

    public bool F236 { get; set; }

    public decimal F237 { get; set; }

    public int F238 { get; set; }

    public bool F239 { get; set; }

    public decimal F240 { get; set; }

    public int F241 { get; set; }

    public bool F242 { get; set; }

    public decimal F243 { get; set; }

    public int F244 { get; set; }

    public bool F245 { get; set; }

    public decimal F246 { get; set; }

    public int F247 { get; set; }

    public bool F248 { get; set; }

    public decimal F249 { get; set; }
}
