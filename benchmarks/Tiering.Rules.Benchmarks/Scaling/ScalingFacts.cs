// The fact types of the Scaling benchmarks: 5, 50 and 250 fields, field j a decimal when j % 3 == 0, an integer when
// j % 3 == 1, a boolean when j % 3 == 2 (ScalingPolicies.FieldType). Written out (not reflected or emitted) because the
// engine's typed kernels read a POCO's own properties, as a host's types are read; the pattern is all there is to them.
namespace Tiering.Rules.Benchmarks;


/// <summary>A fact of 5 fields.</summary>
public sealed class Fact5 : IScalingFact
{
    public decimal F0 { get; set; }

    public int F1 { get; set; }

    public bool F2 { get; set; }

    public decimal F3 { get; set; }

    public int F4 { get; set; }

    /// <summary>Sets field <paramref name="index"/> (its type by <c>index % 3</c>).</summary>
    public void Set(int index, decimal value)
    {
        switch (index)
        {
            case 0: F0 = value; break;
            case 1: F1 = (int)value; break;
            case 2: F2 = value != 0; break;
            case 3: F3 = value; break;
            case 4: F4 = (int)value; break;
            default: throw new ArgumentOutOfRangeException(nameof(index));
        }
    }
}

/// <summary>A fact of 50 fields.</summary>
public sealed class Fact50 : IScalingFact
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

    /// <summary>Sets field <paramref name="index"/> (its type by <c>index % 3</c>).</summary>
    public void Set(int index, decimal value)
    {
        switch (index)
        {
            case 0: F0 = value; break;
            case 1: F1 = (int)value; break;
            case 2: F2 = value != 0; break;
            case 3: F3 = value; break;
            case 4: F4 = (int)value; break;
            case 5: F5 = value != 0; break;
            case 6: F6 = value; break;
            case 7: F7 = (int)value; break;
            case 8: F8 = value != 0; break;
            case 9: F9 = value; break;
            case 10: F10 = (int)value; break;
            case 11: F11 = value != 0; break;
            case 12: F12 = value; break;
            case 13: F13 = (int)value; break;
            case 14: F14 = value != 0; break;
            case 15: F15 = value; break;
            case 16: F16 = (int)value; break;
            case 17: F17 = value != 0; break;
            case 18: F18 = value; break;
            case 19: F19 = (int)value; break;
            case 20: F20 = value != 0; break;
            case 21: F21 = value; break;
            case 22: F22 = (int)value; break;
            case 23: F23 = value != 0; break;
            case 24: F24 = value; break;
            case 25: F25 = (int)value; break;
            case 26: F26 = value != 0; break;
            case 27: F27 = value; break;
            case 28: F28 = (int)value; break;
            case 29: F29 = value != 0; break;
            case 30: F30 = value; break;
            case 31: F31 = (int)value; break;
            case 32: F32 = value != 0; break;
            case 33: F33 = value; break;
            case 34: F34 = (int)value; break;
            case 35: F35 = value != 0; break;
            case 36: F36 = value; break;
            case 37: F37 = (int)value; break;
            case 38: F38 = value != 0; break;
            case 39: F39 = value; break;
            case 40: F40 = (int)value; break;
            case 41: F41 = value != 0; break;
            case 42: F42 = value; break;
            case 43: F43 = (int)value; break;
            case 44: F44 = value != 0; break;
            case 45: F45 = value; break;
            case 46: F46 = (int)value; break;
            case 47: F47 = value != 0; break;
            case 48: F48 = value; break;
            case 49: F49 = (int)value; break;
            default: throw new ArgumentOutOfRangeException(nameof(index));
        }
    }
}

/// <summary>A fact of 250 fields.</summary>
public sealed class Fact250 : IScalingFact
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

    /// <summary>Sets field <paramref name="index"/> (its type by <c>index % 3</c>).</summary>
    public void Set(int index, decimal value)
    {
        switch (index)
        {
            case 0: F0 = value; break;
            case 1: F1 = (int)value; break;
            case 2: F2 = value != 0; break;
            case 3: F3 = value; break;
            case 4: F4 = (int)value; break;
            case 5: F5 = value != 0; break;
            case 6: F6 = value; break;
            case 7: F7 = (int)value; break;
            case 8: F8 = value != 0; break;
            case 9: F9 = value; break;
            case 10: F10 = (int)value; break;
            case 11: F11 = value != 0; break;
            case 12: F12 = value; break;
            case 13: F13 = (int)value; break;
            case 14: F14 = value != 0; break;
            case 15: F15 = value; break;
            case 16: F16 = (int)value; break;
            case 17: F17 = value != 0; break;
            case 18: F18 = value; break;
            case 19: F19 = (int)value; break;
            case 20: F20 = value != 0; break;
            case 21: F21 = value; break;
            case 22: F22 = (int)value; break;
            case 23: F23 = value != 0; break;
            case 24: F24 = value; break;
            case 25: F25 = (int)value; break;
            case 26: F26 = value != 0; break;
            case 27: F27 = value; break;
            case 28: F28 = (int)value; break;
            case 29: F29 = value != 0; break;
            case 30: F30 = value; break;
            case 31: F31 = (int)value; break;
            case 32: F32 = value != 0; break;
            case 33: F33 = value; break;
            case 34: F34 = (int)value; break;
            case 35: F35 = value != 0; break;
            case 36: F36 = value; break;
            case 37: F37 = (int)value; break;
            case 38: F38 = value != 0; break;
            case 39: F39 = value; break;
            case 40: F40 = (int)value; break;
            case 41: F41 = value != 0; break;
            case 42: F42 = value; break;
            case 43: F43 = (int)value; break;
            case 44: F44 = value != 0; break;
            case 45: F45 = value; break;
            case 46: F46 = (int)value; break;
            case 47: F47 = value != 0; break;
            case 48: F48 = value; break;
            case 49: F49 = (int)value; break;
            case 50: F50 = value != 0; break;
            case 51: F51 = value; break;
            case 52: F52 = (int)value; break;
            case 53: F53 = value != 0; break;
            case 54: F54 = value; break;
            case 55: F55 = (int)value; break;
            case 56: F56 = value != 0; break;
            case 57: F57 = value; break;
            case 58: F58 = (int)value; break;
            case 59: F59 = value != 0; break;
            case 60: F60 = value; break;
            case 61: F61 = (int)value; break;
            case 62: F62 = value != 0; break;
            case 63: F63 = value; break;
            case 64: F64 = (int)value; break;
            case 65: F65 = value != 0; break;
            case 66: F66 = value; break;
            case 67: F67 = (int)value; break;
            case 68: F68 = value != 0; break;
            case 69: F69 = value; break;
            case 70: F70 = (int)value; break;
            case 71: F71 = value != 0; break;
            case 72: F72 = value; break;
            case 73: F73 = (int)value; break;
            case 74: F74 = value != 0; break;
            case 75: F75 = value; break;
            case 76: F76 = (int)value; break;
            case 77: F77 = value != 0; break;
            case 78: F78 = value; break;
            case 79: F79 = (int)value; break;
            case 80: F80 = value != 0; break;
            case 81: F81 = value; break;
            case 82: F82 = (int)value; break;
            case 83: F83 = value != 0; break;
            case 84: F84 = value; break;
            case 85: F85 = (int)value; break;
            case 86: F86 = value != 0; break;
            case 87: F87 = value; break;
            case 88: F88 = (int)value; break;
            case 89: F89 = value != 0; break;
            case 90: F90 = value; break;
            case 91: F91 = (int)value; break;
            case 92: F92 = value != 0; break;
            case 93: F93 = value; break;
            case 94: F94 = (int)value; break;
            case 95: F95 = value != 0; break;
            case 96: F96 = value; break;
            case 97: F97 = (int)value; break;
            case 98: F98 = value != 0; break;
            case 99: F99 = value; break;
            case 100: F100 = (int)value; break;
            case 101: F101 = value != 0; break;
            case 102: F102 = value; break;
            case 103: F103 = (int)value; break;
            case 104: F104 = value != 0; break;
            case 105: F105 = value; break;
            case 106: F106 = (int)value; break;
            case 107: F107 = value != 0; break;
            case 108: F108 = value; break;
            case 109: F109 = (int)value; break;
            case 110: F110 = value != 0; break;
            case 111: F111 = value; break;
            case 112: F112 = (int)value; break;
            case 113: F113 = value != 0; break;
            case 114: F114 = value; break;
            case 115: F115 = (int)value; break;
            case 116: F116 = value != 0; break;
            case 117: F117 = value; break;
            case 118: F118 = (int)value; break;
            case 119: F119 = value != 0; break;
            case 120: F120 = value; break;
            case 121: F121 = (int)value; break;
            case 122: F122 = value != 0; break;
            case 123: F123 = value; break;
            case 124: F124 = (int)value; break;
            case 125: F125 = value != 0; break;
            case 126: F126 = value; break;
            case 127: F127 = (int)value; break;
            case 128: F128 = value != 0; break;
            case 129: F129 = value; break;
            case 130: F130 = (int)value; break;
            case 131: F131 = value != 0; break;
            case 132: F132 = value; break;
            case 133: F133 = (int)value; break;
            case 134: F134 = value != 0; break;
            case 135: F135 = value; break;
            case 136: F136 = (int)value; break;
            case 137: F137 = value != 0; break;
            case 138: F138 = value; break;
            case 139: F139 = (int)value; break;
            case 140: F140 = value != 0; break;
            case 141: F141 = value; break;
            case 142: F142 = (int)value; break;
            case 143: F143 = value != 0; break;
            case 144: F144 = value; break;
            case 145: F145 = (int)value; break;
            case 146: F146 = value != 0; break;
            case 147: F147 = value; break;
            case 148: F148 = (int)value; break;
            case 149: F149 = value != 0; break;
            case 150: F150 = value; break;
            case 151: F151 = (int)value; break;
            case 152: F152 = value != 0; break;
            case 153: F153 = value; break;
            case 154: F154 = (int)value; break;
            case 155: F155 = value != 0; break;
            case 156: F156 = value; break;
            case 157: F157 = (int)value; break;
            case 158: F158 = value != 0; break;
            case 159: F159 = value; break;
            case 160: F160 = (int)value; break;
            case 161: F161 = value != 0; break;
            case 162: F162 = value; break;
            case 163: F163 = (int)value; break;
            case 164: F164 = value != 0; break;
            case 165: F165 = value; break;
            case 166: F166 = (int)value; break;
            case 167: F167 = value != 0; break;
            case 168: F168 = value; break;
            case 169: F169 = (int)value; break;
            case 170: F170 = value != 0; break;
            case 171: F171 = value; break;
            case 172: F172 = (int)value; break;
            case 173: F173 = value != 0; break;
            case 174: F174 = value; break;
            case 175: F175 = (int)value; break;
            case 176: F176 = value != 0; break;
            case 177: F177 = value; break;
            case 178: F178 = (int)value; break;
            case 179: F179 = value != 0; break;
            case 180: F180 = value; break;
            case 181: F181 = (int)value; break;
            case 182: F182 = value != 0; break;
            case 183: F183 = value; break;
            case 184: F184 = (int)value; break;
            case 185: F185 = value != 0; break;
            case 186: F186 = value; break;
            case 187: F187 = (int)value; break;
            case 188: F188 = value != 0; break;
            case 189: F189 = value; break;
            case 190: F190 = (int)value; break;
            case 191: F191 = value != 0; break;
            case 192: F192 = value; break;
            case 193: F193 = (int)value; break;
            case 194: F194 = value != 0; break;
            case 195: F195 = value; break;
            case 196: F196 = (int)value; break;
            case 197: F197 = value != 0; break;
            case 198: F198 = value; break;
            case 199: F199 = (int)value; break;
            case 200: F200 = value != 0; break;
            case 201: F201 = value; break;
            case 202: F202 = (int)value; break;
            case 203: F203 = value != 0; break;
            case 204: F204 = value; break;
            case 205: F205 = (int)value; break;
            case 206: F206 = value != 0; break;
            case 207: F207 = value; break;
            case 208: F208 = (int)value; break;
            case 209: F209 = value != 0; break;
            case 210: F210 = value; break;
            case 211: F211 = (int)value; break;
            case 212: F212 = value != 0; break;
            case 213: F213 = value; break;
            case 214: F214 = (int)value; break;
            case 215: F215 = value != 0; break;
            case 216: F216 = value; break;
            case 217: F217 = (int)value; break;
            case 218: F218 = value != 0; break;
            case 219: F219 = value; break;
            case 220: F220 = (int)value; break;
            case 221: F221 = value != 0; break;
            case 222: F222 = value; break;
            case 223: F223 = (int)value; break;
            case 224: F224 = value != 0; break;
            case 225: F225 = value; break;
            case 226: F226 = (int)value; break;
            case 227: F227 = value != 0; break;
            case 228: F228 = value; break;
            case 229: F229 = (int)value; break;
            case 230: F230 = value != 0; break;
            case 231: F231 = value; break;
            case 232: F232 = (int)value; break;
            case 233: F233 = value != 0; break;
            case 234: F234 = value; break;
            case 235: F235 = (int)value; break;
            case 236: F236 = value != 0; break;
            case 237: F237 = value; break;
            case 238: F238 = (int)value; break;
            case 239: F239 = value != 0; break;
            case 240: F240 = value; break;
            case 241: F241 = (int)value; break;
            case 242: F242 = value != 0; break;
            case 243: F243 = value; break;
            case 244: F244 = (int)value; break;
            case 245: F245 = value != 0; break;
            case 246: F246 = value; break;
            case 247: F247 = (int)value; break;
            case 248: F248 = value != 0; break;
            case 249: F249 = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(index));
        }
    }
}
